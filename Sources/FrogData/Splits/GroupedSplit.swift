/// Splits a dataset into train/validation/test (or k folds) by group — recording, site or any
/// column — so no group's clips land in two parts (leakage inflates metrics), while keeping each
/// species' share close to the requested fractions (stratification).
///
/// Groups are visited rarest-species first (ties in a seeded random order), and each goes to
/// the part whose remaining need for that group's species is largest: the greedy "iterative
/// stratification" heuristic. With few groups per species the fractions are approximate; a
/// species with a single group can only be in one part.
public struct GroupedSplit: Equatable, Sendable {
    /// One group to place, with how many examples of each label it holds.
    public struct Group: Equatable, Sendable {
        public var name: String
        public var labelCounts: [String: Int]

        public init(name: String, labelCounts: [String: Int]) {
            self.name = name
            self.labelCounts = labelCounts
        }
    }

    /// Fraction of the examples for validation.
    public var validationFraction: Double
    /// Fraction of the examples for test.
    public var testFraction: Double
    public var seed: UInt64

    public init(validationFraction: Double = 0.15, testFraction: Double = 0.15, seed: UInt64 = 0) {
        self.validationFraction = validationFraction
        self.testFraction = testFraction
        self.seed = seed
    }

    /// The part each group goes to.
    public func assign(_ groups: [Group]) -> [String: SplitName] {
        let fractions = [1 - validationFraction - testFraction, validationFraction, testFraction]
        let parts: [SplitName] = [.train, .validation, .test]
        let bins = Self.distribute(groups, fractions: fractions, seed: seed)
        return bins.mapValues { parts[$0] }
    }

    /// The fold (0..<k) each group goes to, with equal shares per fold.
    public func folds(_ groups: [Group], count k: Int) -> [String: Int] {
        precondition(k >= 2, "k-fold needs at least 2 folds")
        return Self.distribute(groups, fractions: Array(repeating: 1 / Double(k), count: k), seed: seed)
    }

    /// Greedy stratified assignment of groups to bins with the given fractions.
    static func distribute(_ groups: [Group], fractions: [Double], seed: UInt64) -> [String: Int] {
        var random = SplitMix64(seed: seed)
        var totals: [String: Int] = [:]
        for group in groups { for (label, count) in group.labelCounts { totals[label, default: 0] += count } }
        let grandTotal = Double(totals.values.reduce(0, +))

        // Rarest species first: their few groups decide where those species can be at all.
        // Tie-break keys are drawn in name order, so callers' ordering (often a dictionary's)
        // cannot change the result.
        let order = groups.sorted { $0.name < $1.name }.map { ($0, random.next()) }.sorted { a, b in
            let rarestA = a.0.labelCounts.keys.map { totals[$0]! }.min() ?? Int.max
            let rarestB = b.0.labelCounts.keys.map { totals[$0]! }.min() ?? Int.max
            return rarestA != rarestB ? rarestA < rarestB : a.1 < b.1
        }.map(\.0)

        var filled = Array(repeating: [String: Double](), count: fractions.count)
        var filledTotal = Array(repeating: 0.0, count: fractions.count)
        var result: [String: Int] = [:]
        for group in order {
            // Labels in name order: a sum in a dictionary's order (random per process in Swift)
            // differs in the last bits from run to run and flips near-ties between bins.
            let labelCounts = group.labelCounts.sorted { $0.key < $1.key }
            var best = 0
            var bestScore = -Double.infinity
            for bin in fractions.indices where fractions[bin] > 0 {
                // Need per label, relative to that label's total, so rare labels weigh as much.
                var score = 0.0
                for (label, count) in labelCounts {
                    let wanted = fractions[bin] * Double(totals[label]!)
                    score += (wanted - filled[bin][label, default: 0]) / Double(totals[label]!) * Double(count)
                }
                // Tie-break on the overall need, so empty groups and equal scores still spread.
                score += 1e-6 * (fractions[bin] * grandTotal - filledTotal[bin])
                if score > bestScore {
                    bestScore = score
                    best = bin
                }
            }
            result[group.name] = best
            for (label, count) in labelCounts {
                filled[best][label, default: 0] += Double(count)
                filledTotal[best] += Double(count)
            }
        }
        return result
    }
}

/// SplitMix64: a tiny seeded generator for orderings (FrogData must not import FrogNN's RNG;
/// public APIs elsewhere take any `RandomNumberGenerator`).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
