import Foundation
import FrogDSP

/// A rough lower bound of the memory one training step needs, from the configuration alone
/// (before any audio is read): the batch's activations and gradients, the convolution
/// workspaces, and the weights with their optimiser state. The training windows themselves
/// come on top, so a configuration refused by this estimate could never have run.
public struct WorkingSetEstimate: Equatable, Sendable {
    /// One part of the estimate: what it is, its size and the keys that drive it.
    public struct Part: Equatable, Sendable {
        public var what: String
        public var bytes: Double
        public var keys: [String]
    }

    public var parts: [Part]

    public var bytes: Double { parts.reduce(0) { $0 + $1.bytes } }
    /// The largest part.
    public var largest: Part { parts.max { $0.bytes < $1.bytes }! }

    /// "12.3 GB" (powers of 1024, as /proc/meminfo counts).
    public static func text(bytes: Double) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"]
        var value = bytes
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(Int(value)) bytes" : String(format: "%.1f %@", value, units[unit])
    }
}

/// The machine's memory as Linux reports it.
public enum SystemMemory {
    /// `MemAvailable` from /proc/meminfo in bytes (memory a new process can use without
    /// swapping); nil where there is no such file.
    public static func availableBytes(meminfo path: String = "/proc/meminfo") -> Double? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            guard fields.count >= 2, let kilobytes = Double(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }
}

extension RunConfig {
    /// The estimate for this configuration; `classCount` sizes the output layer (unknown before
    /// the labels are read, so a typical count is assumed).
    public func workingSet(classCount: Int = 10) -> WorkingSetEstimate {
        let floatBytes = 4.0
        let bins = Double(
            features.frequencyScale == .mel ? features.nMels : LinearBandCrop(config: features).binRange.count)
        let frames = Double(windowFrames + 2 * timeCropMarginFrames)
        let batch = Double(train.batchSize)
        let workers = Double(max(train.threads, 1))
        let windowKeys = ["clips.seconds", "features.hop_length", "features.sample_rate"]
        let binKeys = features.frequencyScale == .mel ? ["features.n_mels"] : ["features.n_fft", "features.fmin", "features.fmax"]
        var perSample = bins * frames  // the input window
        var workspace = 0.0
        var parameters = 0.0
        var channels = 1.0, height = bins, width = frames
        if model.family != .birnn {
            for block in 0..<model.convLayers {
                let filters = Double(model.filters(block: block))
                let kernel = Double(model.kernelSize(block: block))
                parameters += channels * filters * kernel * kernel + 2 * filters
                // Kept for backward: the convolution's output, the normalised/activated map and
                // its gradient.
                perSample += 3 * filters * height * width
                // Each worker unfolds one sample (im2col) and, in backward, its gradient.
                workspace = max(workspace, 2 * channels * kernel * kernel * height * width)
                channels = filters
                if model.isPooled(block: block) {
                    height = (height / Double(model.pool)).rounded(.down)
                    if model.family == .cnn { width = (width / Double(model.pool)).rounded(.down) }
                    perSample += channels * height * width
                }
            }
        }
        var vector = channels * height
        if model.family != .cnn {
            let gates = model.rnn == .lstm ? 4.0 : 3.0
            let directions = model.bidirectional ? 2.0 : 1.0
            let hidden = Double(model.hiddenSize)
            for _ in 0..<model.rnnLayers {
                parameters += directions * gates * hidden * (vector + hidden + 2)
                // Gate activations and states per step, for backward through time.
                perSample += directions * (gates + 2) * hidden * width
                vector = directions * hidden
            }
        } else {
            vector = model.globalPool == .avg || model.globalPool == .max ? channels : channels * height
        }
        for units in model.denseUnits + [classCount] {
            parameters += vector * Double(units) + Double(units)
            perSample += 2 * Double(units)
            vector = Double(units)
        }
        let networkKeys = model.family == .birnn
            ? ["model.hidden_size", "model.rnn_layers"] : ["model.filters", "model.conv_layers"]
        return WorkingSetEstimate(parts: [
            .init(
                what: "activations and gradients of one batch (\(train.batchSize) windows of \(Int(bins)) bins × \(Int(frames)) frames)",
                bytes: batch * perSample * floatBytes,
                keys: ["train.batch_size"] + windowKeys + binKeys + networkKeys),
            .init(
                what: "convolution workspaces (\(Int(workers)) worker(s))", bytes: workers * workspace * floatBytes,
                keys: ["model.kernel_sizes", "model.filters"] + windowKeys + binKeys + ["train.threads"]),
            // Value, gradient, two optimiser moments, the best epoch's copy and an average.
            .init(
                what: "weights with gradients and optimiser state (\(Int(parameters)) parameters)",
                bytes: 6 * parameters * floatBytes,
                keys: ["model.filters", "model.kernel_sizes", "model.dense_units", "model.hidden_size"]),
        ])
    }

    /// Refuses a configuration whose working set cannot fit in `available` bytes, naming the
    /// keys of its largest part.
    func validateWorkingSet(available: Double?) throws {
        guard let available else { return }
        let estimate = workingSet()
        guard estimate.bytes > available else { return }
        let largest = estimate.largest
        throw ConfigError.workingSetTooLarge(
            source: "configuration",
            message: "training would need at least \(WorkingSetEstimate.text(bytes: estimate.bytes)) of memory, "
                + "mostly \(largest.what): \(WorkingSetEstimate.text(bytes: largest.bytes)), "
                + "more than the \(WorkingSetEstimate.text(bytes: available)) available (MemAvailable)",
            keys: largest.keys)
    }
}
