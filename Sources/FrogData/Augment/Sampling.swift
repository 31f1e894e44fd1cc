import Foundation

/// Random draws the standard library lacks, from any seeded generator.
enum Sampling {
    /// Standard normal (Box–Muller).
    static func normal<R: RandomNumberGenerator>(using random: inout R) -> Double {
        let u1 = Double.random(in: Double.leastNormalMagnitude..<1, using: &random)
        let u2 = Double.random(in: 0..<1, using: &random)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// Gamma(shape, 1) by Marsaglia and Tsang (2000); shapes below 1 use the boost
    /// Gamma(a) = Gamma(a + 1) · U^(1/a).
    static func gamma<R: RandomNumberGenerator>(_ shape: Double, using random: inout R) -> Double {
        if shape < 1 {
            let u = Double.random(in: Double.leastNormalMagnitude..<1, using: &random)
            return gamma(shape + 1, using: &random) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = normal(using: &random)
            let v = pow(1 + c * x, 3)
            if v <= 0 { continue }
            let u = Double.random(in: Double.leastNormalMagnitude..<1, using: &random)
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
        }
    }

    /// Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
    static func beta<R: RandomNumberGenerator>(_ a: Double, _ b: Double, using random: inout R) -> Double {
        let x = gamma(a, using: &random)
        let y = gamma(b, using: &random)
        return x + y > 0 ? x / (x + y) : 0.5
    }
}
