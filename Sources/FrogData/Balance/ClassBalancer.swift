/// Evens out uneven classes (the seed survey: ~1,400 calls over 5 classes, heavily uneven) by
/// resampling example indices or by weighting the loss. Works on class indices only, so it
/// applies to any example list.
public enum ClassBalancer {
    /// Examples per class before and after balancing, for the log.
    public struct Report: Equatable, Sendable, CustomStringConvertible {
        public var before: [Int]
        public var after: [Int]
        public var description: String {
            "class counts before \(before) → after \(after)"
        }
    }

    /// How many of each class `classIndices` holds.
    public static func counts(_ classIndices: [Int], classCount: Int) -> [Int] {
        var counts = Array(repeating: 0, count: classCount)
        for c in classIndices { counts[c] += 1 }
        return counts
    }

    /// Indices into `classIndices` where every present class appears as often as the largest:
    /// each class's examples are repeated whole, and the remainder drawn without replacement.
    public static func oversample<R: RandomNumberGenerator>(
        _ classIndices: [Int], classCount: Int, using random: inout R
    ) -> (indices: [Int], report: Report) {
        let byClass = members(classIndices, classCount: classCount)
        let target = byClass.map(\.count).max() ?? 0
        var result: [Int] = []
        for members in byClass where !members.isEmpty { result += repeated(members, to: target, using: &random) }
        result.shuffle(using: &random)
        return (result, Report(before: counts(classIndices, classCount: classCount), after: counts(result.map { classIndices[$0] }, classCount: classCount)))
    }

    /// Indices where the classes in `background` together make `backgroundShare` of the draws
    /// (split evenly between those present) and every other present class appears as often as
    /// the largest class: outlier exposure, more "no call" examples than one class's share
    /// without repeating any foreground class more. `backgroundShare` must be in [0, 1).
    public static func oversample<R: RandomNumberGenerator>(
        _ classIndices: [Int], classCount: Int, background: Set<Int>, backgroundShare: Double, using random: inout R
    ) -> (indices: [Int], report: Report) {
        let byClass = members(classIndices, classCount: classCount)
        let target = byClass.map(\.count).max() ?? 0
        let foreground = byClass.indices.filter { !background.contains($0) && !byClass[$0].isEmpty }
        let backgrounds = byClass.indices.filter { background.contains($0) && !byClass[$0].isEmpty }
        guard !foreground.isEmpty, !backgrounds.isEmpty else {
            return oversample(classIndices, classCount: classCount, using: &random)
        }
        let backgroundDraws = Int((backgroundShare / (1 - backgroundShare) * Double(target * foreground.count)).rounded())
        var result: [Int] = []
        for c in byClass.indices where !byClass[c].isEmpty {
            let wanted = background.contains(c)
                ? backgroundDraws / backgrounds.count + (c == backgrounds[0] ? backgroundDraws % backgrounds.count : 0)
                : target
            result += repeated(byClass[c], to: wanted, using: &random)
        }
        result.shuffle(using: &random)
        return (result, Report(before: counts(classIndices, classCount: classCount), after: counts(result.map { classIndices[$0] }, classCount: classCount)))
    }

    /// `members` repeated whole as often as fits in `count`, the remainder drawn without replacement.
    private static func repeated<R: RandomNumberGenerator>(_ members: [Int], to count: Int, using random: inout R) -> [Int] {
        var result: [Int] = []
        for _ in 0..<(count / members.count) { result += members }
        return result + members.shuffled(using: &random).prefix(count % members.count)
    }

    /// Indices where every present class keeps as many examples as the smallest present class.
    public static func undersample<R: RandomNumberGenerator>(
        _ classIndices: [Int], classCount: Int, using random: inout R
    ) -> (indices: [Int], report: Report) {
        let byClass = members(classIndices, classCount: classCount)
        let target = byClass.map(\.count).filter { $0 > 0 }.min() ?? 0
        var result: [Int] = []
        for members in byClass where !members.isEmpty {
            result += members.shuffled(using: &random).prefix(target)
        }
        result.shuffle(using: &random)
        return (result, Report(before: counts(classIndices, classCount: classCount), after: counts(result.map { classIndices[$0] }, classCount: classCount)))
    }

    /// Loss weights `n / (classes present · n_c)` (scikit-learn's "balanced"): inverse
    /// frequency, normalised so the average weight over the examples is 1. Absent classes get 0.
    public static func classWeights(_ counts: [Int]) -> [Float] {
        let total = counts.reduce(0, +)
        let present = counts.filter { $0 > 0 }.count
        return counts.map { $0 > 0 ? Float(total) / Float(present * $0) : 0 }
    }

    /// Example indices of each class.
    static func members(_ classIndices: [Int], classCount: Int) -> [[Int]] {
        var byClass = Array(repeating: [Int](), count: classCount)
        for (index, c) in classIndices.enumerated() { byClass[c].append(index) }
        return byClass
    }
}
