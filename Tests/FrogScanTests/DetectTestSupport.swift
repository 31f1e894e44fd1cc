import Foundation
import FrogAudio
import FrogDSP
import FrogModel

/// A real, deterministic scorer for detection tests: class `c` scores the fraction of the
/// window's frames in which the loudest bin of its band stands `marginDB` above the frame's
/// median bin. With a 0.5 threshold a window is positive when a call fills at least half of it.
struct BandEnergyClassifier: WindowClassifier {
    var classes = ["low", "high", "noise"]
    /// Band per class, Hz; "noise" has none and scores 1 − the others' maximum.
    var bands: [String: ClosedRange<Float>] = ["low": 500...1000, "high": 3000...4000]
    var featureConfig: FeatureConfig
    var windowFrames = 32
    var thresholds: [Float] = [0.5, 0.5, 0.5]
    var decision = DecisionRule()
    var backgroundClasses: Set<String> = ["noise"]
    var modelID = "band-energy-test"
    var marginDB: Float = 20

    init() {
        var config = FeatureConfig()
        config.sampleRate = 16_000
        config.nFFT = 512
        config.hopLength = 256
        config.nMels = 32
        config.fmin = 100
        config.fmax = 8_000
        featureConfig = config
    }

    var speciesBands: [String: ClosedRange<Float>] { bands }

    func scores(_ windows: [FeatureImage]) throws -> [[Float]] {
        windows.map { window in
            var row: [Float] = classes.map { name in
                guard let band = bands[name] else { return 0 }
                let inBand = window.binFrequencies.indices.filter { band.contains(window.binFrequencies[$0]) }
                var loudFrames = 0
                for frame in 0..<window.frames {
                    let values = (0..<window.bins).map { window[frame, $0] }
                    let median = values.sorted()[values.count / 2]
                    let peak = inBand.map { window[frame, $0] }.max() ?? -.infinity
                    if peak - median >= marginDB { loudFrames += 1 }
                }
                return Float(loudFrames) / Float(window.frames)
            }
            if let noise = classes.firstIndex(of: "noise") { row[noise] = 1 - (row.max() ?? 0) }
            return row
        }
    }
}

/// Synthetic recordings with known call times.
enum SyntheticRecording {
    /// A call: a tone at `hz` from `start` to `end` seconds on the given 0-based channels.
    struct Call {
        var hz: Double
        var start: Double
        var end: Double
        var channels: [Int] = [0]
        /// Per-channel sign, to make anti-phase pairs.
        var signs: [Float] = [1, 1]
    }

    /// Writes a `channels`-channel WAV at `rate` with quiet deterministic noise and the calls.
    static func write(
        to path: String, seconds: Double, rate: Int = 32_000, channels: Int = 1, calls: [Call],
        format: AudioWriter.Format = .wav16
    ) throws {
        let frames = Int(seconds * Double(rate))
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var audio = (0..<channels).map { _ in
            (0..<frames).map { _ -> Float in
                // xorshift noise at about −46 dBFS: a floor the calls stand far above.
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                return (Float(state % 10_000) / 10_000 - 0.5) * 0.01
            }
        }
        for call in calls {
            let first = Int(call.start * Double(rate))
            let last = min(frames, Int(call.end * Double(rate)))
            for i in first..<last {
                let value = Float(0.3 * sin(2 * Double.pi * call.hz * Double(i) / Double(rate)))
                for c in call.channels { audio[c][i] += value * call.signs[c] }
            }
        }
        try AudioWriter.write(audio, sampleRate: rate, to: path, format: format)
    }
}
