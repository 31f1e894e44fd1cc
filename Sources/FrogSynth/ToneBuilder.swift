import Foundation

/// Building blocks the call and noise models share: swept tone bursts written into a buffer,
/// a one-pole low-pass, RMS scaling and jittered parameters.
struct ToneBuilder {
    let rate: Double
    /// Lowest and highest instantaneous frequency written so far, for the ground-truth box.
    private(set) var lowestHz = Double.infinity
    private(set) var highestHz = 0.0

    init(rate: Int) { self.rate = Double(rate) }

    /// Adds a tone sweeping linearly from `startHz` to `endHz` over `length` seconds at
    /// `offset` seconds, shaped by `envelope` (0…1 over the burst's own time 0…1).
    mutating func addTone(
        into buffer: inout [Float], offset: Double, length: Double, startHz: Double, endHz: Double,
        amplitude: Double, envelope: (Double) -> Double
    ) {
        let first = Int((offset * rate).rounded())
        let count = Int((length * rate).rounded())
        guard count > 1, first >= 0 else { return }
        if buffer.count < first + count { buffer += [Float](repeating: 0, count: first + count - buffer.count) }
        var phase = 0.0
        for i in 0..<count {
            let u = Double(i) / Double(count - 1)
            let frequency = startHz + (endHz - startHz) * u
            phase += 2 * .pi * frequency / rate
            buffer[first + i] += Float(amplitude * envelope(u) * sin(phase))
        }
        lowestHz = min(lowestHz, startHz, endHz)
        highestHz = max(highestHz, startHz, endHz)
    }

    /// Raised-cosine (Hann) burst envelope.
    static func hann(_ u: Double) -> Double { 0.5 - 0.5 * cos(2 * .pi * u) }

    /// Fast attack over `attack` of the burst, then exponential decay.
    static func percussive(attack: Double, decay: Double) -> (Double) -> Double {
        { u in u < attack ? u / attack : exp(-(u - attack) / decay) }
    }
}

/// Signal-level utilities for the synth.
enum SynthSignal {
    /// One-pole low-pass at `cutoffHz`, in place (6 dB/octave, like the gentle loss of highs
    /// with distance).
    static func lowPass(_ x: inout [Float], cutoffHz: Double, rate: Int) {
        let a = Float(1 - exp(-2 * .pi * cutoffHz / Double(rate)))
        var y: Float = 0
        for i in x.indices {
            y += a * (x[i] - y)
            x[i] = y
        }
    }

    static func rms(_ x: [Float]) -> Double {
        guard !x.isEmpty else { return 0 }
        return (x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(x.count)).squareRoot()
    }

    /// Scales `x` so its RMS is `db` dBFS (no-op on silence).
    static func scale(_ x: inout [Float], toRMSdB db: Double) {
        let current = rms(x)
        guard current > 0 else { return }
        let gain = Float(pow(10, db / 20) / current)
        for i in x.indices { x[i] *= gain }
    }

    /// Scales `x` so its peak magnitude is 1 (no-op on silence).
    static func normalisePeak(_ x: inout [Float]) {
        let peak = x.reduce(Float(0)) { max($0, abs($1)) }
        guard peak > 0 else { return }
        for i in x.indices { x[i] /= peak }
    }
}
