import Foundation

/// Test signals and measurements shared by the FrogAudio tests.
enum Signals {
    /// `amplitude · sin(2π f t + phase)` sampled at `rate` for `frames` frames.
    static func sine(frequency: Double, rate: Int, frames: Int, amplitude: Float = 0.5, phase: Double = 0) -> [Float] {
        (0..<frames).map { amplitude * Float(sin(2 * .pi * frequency * Double($0) / Double(rate) + phase)) }
    }

    /// The frequency between `low` and `high` (in `step` Hz steps) where the signal's DFT
    /// magnitude peaks, with a Hann window so the peak is not pulled by leakage.
    static func peakFrequency(_ x: [Float], rate: Int, low: Double, high: Double, step: Double) -> Double {
        let n = x.count
        let window = (0..<n).map { 0.5 - 0.5 * cos(2 * .pi * Double($0) / Double(n)) }
        var best = low
        var bestMagnitude = -1.0
        var f = low
        while f <= high {
            var re = 0.0
            var im = 0.0
            let w = 2 * .pi * f / Double(rate)
            for i in 0..<n {
                re += Double(x[i]) * window[i] * cos(w * Double(i))
                im -= Double(x[i]) * window[i] * sin(w * Double(i))
            }
            let magnitude = re * re + im * im
            if magnitude > bestMagnitude { bestMagnitude = magnitude; best = f }
            f += step
        }
        return best
    }

    /// Root mean square in Double.
    static func rms(_ x: ArraySlice<Float>) -> Double {
        guard !x.isEmpty else { return 0 }
        return (x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(x.count)).squareRoot()
    }

    static func rms(_ x: [Float]) -> Double { rms(x[...]) }
}
