import Foundation
import FrogDSP
import FrogNN

#if canImport(Glibc)
import FrogDetect
import FrogModel
import Glibc
#endif

/// `detect-1h` and `detect-1h-peak-rss`: detection over a one-hour 48 kHz recording with the
/// reference CNN (untrained: speed does not depend on the weights) at 50 % overlap, end to end
/// (decode, resample, features, inference, outputs).
extension BenchRegistry {
    static var detectWorkloads: [BenchWorkload] {
        [
            BenchWorkload(
                name: "detect-1h", unit: "x_realtime",
                summary: "frogscan detect on a 1-hour 48 kHz file, reference CNN, 50 % overlap (audio s / wall s)",
                run: { threads in try DetectBenchmark.timesRealTime(threads: threads) }),
            BenchWorkload(
                name: "detect-1h-peak-rss", unit: "MB",
                summary: "peak resident memory of a child process running detect-1h (ru_maxrss)",
                run: { threads in try DetectBenchmark.childPeakMegabytes(threads: threads) }),
        ]
    }
}

/// The detect benchmark's fixture, model and measurements.
enum DetectBenchmark {
    static let seconds = 3600
    static let fileRate = 48_000

    /// The one-hour recording, generated once into the temporary folder and reused.
    static var recording: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("frogscan-bench/detect-1h-48k.wav")
    }

    /// Audio seconds scanned per wall-clock second for one full detection run.
    static func timesRealTime(threads: Int) throws -> Double {
        try ensureRecording()
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("frogscan-bench/detect-out-\(getpid())")
        defer { try? FileManager.default.removeItem(at: output) }
        let options = DetectionRun.Options(
            inputs: [recording.path], outputFolder: output,
            settings: DetectionSettings(overlap: 0.5, batchSize: 64), threads: threads)
        let run = DetectionRun(options: options, makeClassifier: { try ReferenceCNNClassifier() })
        var scanned = 0.0
        let wall = try Stopwatch.seconds { scanned = try run.run().progress.audioSeconds }
        return scanned / wall
    }

    /// Peak RSS in MB of `frogscan bench detect-1h` run as a child process, so the figure is the
    /// detection's own and not whatever this process held before.
    static func childPeakMegabytes(threads: Int) throws -> Double {
        try ensureRecording()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: process.executableURL!.path) {
            process.executableURL = Bundle.main.executableURL
        }
        process.arguments = ["bench", "detect-1h", "--threads", String(threads), "--json"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError.failed("detect-1h child exited with status \(process.terminationStatus)")
        }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        // Linux reports ru_maxrss in kilobytes.
        return Double(usage.ru_maxrss) / 1024
    }

    /// Writes the recording if it is missing: 16-bit mono WAV, quiet noise with a chirp every
    /// 7 s, streamed second by second so generating it needs no more memory than reading it.
    static func ensureRecording() throws {
        let url = recording
        let bytes = seconds * fileRate * 2
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber,
           size.intValue == 44 + bytes {
            return
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.appendingPathExtension("tmp")
        _ = FileManager.default.createFile(atPath: temporary.path, contents: nil)  // FileHandle throws if it failed
        let handle = try FileHandle(forWritingTo: temporary)
        var header = Data()
        func append32(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { header.append(contentsOf: $0) } }
        func append16(_ value: Int) { withUnsafeBytes(of: UInt16(value).littleEndian) { header.append(contentsOf: $0) } }
        header.append(contentsOf: Array("RIFF".utf8)); append32(36 + bytes); header.append(contentsOf: Array("WAVE".utf8))
        header.append(contentsOf: Array("fmt ".utf8)); append32(16); append16(1); append16(1)
        append32(fileRate); append32(fileRate * 2); append16(2); append16(16)
        header.append(contentsOf: Array("data".utf8)); append32(bytes)
        try handle.write(contentsOf: header)
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for second in 0..<seconds {
            var samples = [Int16](repeating: 0, count: fileRate)
            let chirp = second % 7 == 3
            for i in 0..<fileRate {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                var value = (Double(state % 20_000) / 20_000 - 0.5) * 0.05
                if chirp {
                    let t = Double(i) / Double(fileRate)
                    value += 0.3 * sin(2 * Double.pi * (1500 * t + 500 * t * t))
                }
                samples[i] = Int16(max(-32_767, min(32_767, value * 32_767)))
            }
            try handle.write(contentsOf: samples.withUnsafeBytes { Data($0) })
        }
        try handle.close()
        guard rename(temporary.path, url.path) == 0 else {
            throw BenchError.failed("cannot rename \(temporary.path): \(String(cString: strerror(errno)))")
        }
    }
}

/// A benchmark could not run.
enum BenchError: Error, CustomStringConvertible {
    case failed(String)
    var description: String {
        switch self { case .failed(let reason): return "bench: \(reason)" }
    }
}

/// The reference CNN of DESIGN.md (1×64×128 input, 5 classes) with seeded untrained weights,
/// scoring windows with a softmax. For speed measurements only.
final class ReferenceCNNClassifier: WindowClassifier {
    let classes = ["class0", "class1", "class2", "class3", "class4"]
    let featureConfig = FeatureConfig()
    let windowFrames = 128
    let thresholds: [Float] = Array(repeating: 0.5, count: 5)
    let backgroundClasses: Set<String> = []
    let modelID = "reference-cnn-untrained"
    private let model: Sequential

    /// One thread: `detect` gives each thread a classifier of its own.
    init() throws {
        var layers: [LayerSpec] = []
        for (index, filters) in [16, 32, 64, 64].enumerated() {
            layers += [.conv2D(filters: filters, kernel: 3), .batchNorm(), .relu]
            if index < 3 { layers.append(.maxPool(size: 2)) }
        }
        layers += [.globalAvgPool, .dropout(rate: 0.3), .dense(units: 64), .relu, .dense(units: 5), .softmax]
        model = try ModelBuilder.build(ModelSpec(input: [1, 64, 128], layers: layers), seed: 1)
    }

    func scores(_ windows: [FeatureImage]) throws -> [[Float]] {
        // Windows are frame-major [frames, bins]; the CNN reads [1, bins, frames].
        let size = 64 * 128
        var data = [Float](repeating: 0, count: windows.count * size)
        for (n, window) in windows.enumerated() {
            for frame in 0..<window.frames {
                for bin in 0..<window.bins { data[n * size + bin * window.frames + frame] = window[frame, bin] }
            }
        }
        let output = model.forward(Tensor(shape: [windows.count, 1, 64, 128], data: data), training: false)
        return (0..<windows.count).map { Array(output.data[($0 * 5)..<($0 * 5 + 5)]) }
    }
}
