import Foundation
import FrogAudio
import FrogNN

extension BenchRegistry {
    /// FrogAudio's workloads.
    static var audioWorkloads: [BenchWorkload] { [AudioWorkloads.decodeResample10min] }
}

/// Reference workloads for decoding and resampling.
enum AudioWorkloads {
    /// Decode a 10-minute 48 kHz mono 16-bit WAV and resample it to 22,050 Hz with
    /// `AudioReader`, as `soundfile.read` + `soxr.resample(…, "HQ")` do in the peers' script.
    static let decodeResample10min = BenchWorkload(
        name: "decode-resample-10min", unit: "s",
        summary: "decode a 10-min 48 kHz 16-bit WAV and resample to 22,050 Hz (median of 5)"
    ) { _ in
        // Resampling runs on one thread by design (frogscan parallelises across files), so
        // the thread count does not change this workload.
        let path = try referenceRecording()
        return try Stopwatch.medianSeconds(repeats: 5) {
            let reader = try AudioReader(path: path, targetRate: 22_050)
            var frames = 0
            while let block = try reader.nextBlock() { frames += block[0].count }
            precondition(abs(frames - 13_230_000) <= 1, "resampled length \(frames)")
        }
    }

    /// The 48 kHz reference file, written once into the temporary folder and reused.
    static func referenceRecording() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("frogscan-bench-audio")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("ref_48000_v1.wav").path
        if let info = try? AudioFile.info(path: path), info.frames == 600 * 48_000 { return path }
        try AudioWriter.write([referenceSignal(rate: 48_000)], sampleRate: 48_000, to: path, format: .wav16)
        return path
    }

    /// The same kind of signal as `../shared/peers/gen_audio.py`: white noise (std 0.05) plus
    /// repeating Hann-windowed linear chirps, clipped to ±1. Our own seeded generator, so the
    /// samples differ from numpy's but the decode and resample work is the same.
    static func referenceSignal(rate: Int, seconds: Double = 600) -> [Float] {
        var rng = SeededRNG(seed: 20_251_123)
        let n = Int((seconds * Double(rate)).rounded())
        var y = (0..<n).map { _ in 0.05 * rng.normal() }
        // (start s, period s, length s, f0 Hz, f1 Hz, amplitude), as in gen_audio.py.
        let chirps: [(Double, Double, Double, Double, Double, Float)] = [
            (0.25, 2.0, 0.30, 1_800, 2_600, 0.30), (0.90, 3.0, 0.80, 400, 900, 0.25),
            (1.70, 5.0, 1.50, 3_000, 1_500, 0.20), (0.10, 0.5, 0.05, 4_500, 4_700, 0.15),
        ]
        for (start, period, length, f0, f1, amplitude) in chirps {
            let m = Int((length * Double(rate)).rounded())
            let segment = (0..<m).map { i -> Float in
                let t = Double(i) / Double(rate)
                let phase = 2 * Double.pi * (f0 * t + 0.5 * (f1 - f0) / length * t * t)
                let hann = 0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(m - 1))
                return amplitude * Float(sin(phase) * hann)
            }
            var s = start
            while s + length < seconds {
                let offset = Int((s * Double(rate)).rounded())
                for i in 0..<m where offset + i < n { y[offset + i] += segment[i] }
                s += period
            }
        }
        for i in y.indices { y[i] = min(1, max(-1, y[i])) }
        return y
    }
}
