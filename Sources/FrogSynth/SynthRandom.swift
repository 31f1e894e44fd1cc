import Foundation
import FrogNN

/// The synth's random choices, all drawn from one seeded generator so a seed fixes every
/// sample and every ground-truth row.
struct SynthRandom {
    private(set) var generator: SeededRNG

    init(seed: UInt64) { generator = SeededRNG(seed: seed) }
    init(generator: SeededRNG) { self.generator = generator }

    /// An independent stream for one recording or one component.
    mutating func split() -> SynthRandom { SynthRandom(generator: generator.split()) }

    /// Uniform in [0, 1).
    mutating func uniform() -> Double { Double(generator.uniform()) }

    /// Uniform in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * uniform() }

    /// Standard normal.
    mutating func normal() -> Double { Double(generator.normal()) }

    /// Uniform in [low, high].
    mutating func value(in range: [Double]) -> Double {
        uniform(range[0], range[1])
    }

    /// Uniform integer in low...high.
    mutating func integer(_ low: Int, _ high: Int) -> Int {
        low + Int(generator.next() % UInt64(high - low + 1))
    }

    /// `base` scaled by 1 + `variation` · N(0, 1), kept within ±3 standard deviations.
    mutating func jittered(_ base: Double, _ variation: Double) -> Double {
        base * (1 + variation * max(-3, min(3, normal())))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// A Poisson-distributed count with mean `mean` (Knuth's method; normal approximation for
    /// large means, where Knuth's product underflows).
    mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 30 { return max(0, Int((mean + mean.squareRoot() * normal()).rounded())) }
        let limit = exp(-mean)
        var product = uniform()
        var count = 0
        while product > limit {
            count += 1
            product *= uniform()
        }
        return count
    }
}
