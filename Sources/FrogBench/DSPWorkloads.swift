import Foundation
import FrogDSP
import FrogNN

extension BenchRegistry {
    /// FrogDSP's workloads: the reference 10-minute log-mel spectrogram.
    static var dspWorkloads: [BenchWorkload] {
        [
            BenchWorkload(
                name: "spectrogram-10min", unit: "s",
                summary: "10 min mono 22,050 Hz → 64-band Slaney log-mel (n_fft 1024, hop 256), median of 5",
                run: { threads in
                    let samples = ReferenceSignal.samples(sampleRate: 22_050, seconds: 600)
                    let extractor = FeatureExtractor(config: FeatureConfig())
                    var frames = 0
                    let seconds = Stopwatch.medianSeconds(repeats: 5) {
                        frames = extractor.features(samples: samples, threads: threads).frames
                    }
                    precondition(frames == extractor.frameCount(sampleCount: samples.count))
                    return seconds
                }),
        ]
    }
}

/// The benchmarks' deterministic test signal, built like `../shared/peers/gen_audio.py`: white
/// noise (std 0.05) plus repeating Hann-windowed linear chirps, clipped to ±1. (Same recipe,
/// not the same bytes: the noise comes from `SeededRNG`, not numpy; timing does not care.)
enum ReferenceSignal {
    /// (start s, period s, length s, f0 Hz, f1 Hz, amplitude), as in gen_audio.py.
    private static let chirps: [(Double, Double, Double, Double, Double, Double)] = [
        (0.25, 2.0, 0.30, 1800, 2600, 0.30),
        (0.90, 3.0, 0.80, 400, 900, 0.25),
        (1.70, 5.0, 1.50, 3000, 1500, 0.20),
        (0.10, 0.5, 0.05, 4500, 4700, 0.15),
    ]

    static func samples(sampleRate: Int, seconds: Double, seed: UInt64 = 20_251_123) -> [Float] {
        var rng = SeededRNG(seed: seed)
        let count = Int((seconds * Double(sampleRate)).rounded())
        var y = (0..<count).map { _ in 0.05 * Double(rng.normal()) }
        let rate = Double(sampleRate)
        for (start, period, length, f0, f1, amplitude) in chirps {
            let m = Int((length * rate).rounded())
            let segment: [Double] = (0..<m).map { i in
                let t = Double(i) / rate
                let phase = 2 * Double.pi * (f0 * t + 0.5 * (f1 - f0) / length * t * t)
                let hann = m > 1 ? 0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(m - 1)) : 1
                return amplitude * sin(phase) * hann
            }
            var s = start
            while s + length < seconds {
                let first = Int((s * rate).rounded())
                for i in 0..<m where first + i < count { y[first + i] += segment[i] }
                s += period
            }
        }
        return y.map { Float(min(1, max(-1, $0))) }
    }
}
