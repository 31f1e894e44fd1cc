import Foundation
import FrogConfig
import FrogDSP
import FrogNN

/// What one fuzz input goes through for the config and model-file readers: the reader, then
/// what `train` or `detect` does first with what it accepted. Shared by the libFuzzer targets
/// (`Fuzz/`) and the replay of their findings in `make test`, so both take the same path.
public enum ReaderProbes {
    /// YAML text through `ConfigLoader.resolve`; a config that resolves is written back and
    /// sized as `train` sizes it: feature extractor, window frames, the network.
    public static func config(yaml: String) {
        guard let config = try? ConfigLoader.resolve(yaml: yaml, source: "fuzz.yaml") else { return }
        _ = try? ConfigLoader.yaml(config)
        let extractor = FeatureExtractor(config: config.features)
        let layout = InputLayout(
            arrangement: config.model.family == .birnn ? .sequence : .image,
            normalization: config.clips.normalization, bins: extractor.bins, frames: config.windowFrames)
        _ = config.hopFrames
        _ = config.timeCropMarginFrames
        _ = try? ModelFactory.network(
            config: config.model, inputShape: layout.sampleShape, classCount: 2, seed: UInt64(config.seed))
    }

    /// Model bytes through `SafeTensors.decode` and, written to `path`, `ModelBundle.load`; a
    /// model that loads scores one window of silence, as `detect` would first.
    public static func model(_ input: Data, path: String) {
        let data = safetensors(input)
        _ = try? SafeTensors.decode(data)
        guard (try? data.write(to: URL(fileURLWithPath: path))) != nil,
              let bundle = try? ModelBundle.load(path: path) else { return }
        let extractor = FeatureExtractor(config: bundle.featureConfig)
        // `detect` cuts windows of the extractor's bins × the model's frames; a layout that
        // disagrees is refused there with a message (inputMismatch), not a crash.
        let frames = bundle.layout.frames
        guard frames >= 1 else { return }
        let window = FeatureImage(
            bins: extractor.bins, frames: frames, values: [Float](repeating: 0, count: extractor.bins * frames),
            secondsPerFrame: bundle.featureConfig.secondsPerFrame, binFrequencies: extractor.binFrequencies)
        _ = try? bundle.scores([window])
    }

    /// `input` as a safetensors file: unchanged, or when it starts with `{` (a JSON header
    /// alone, so a fuzzer's metadata mutation is not lost to a stale length field), with the
    /// 8-byte length in front and zeros behind, as many as the header's largest `data_offsets`
    /// end (at most 1 MiB).
    public static func safetensors(_ input: Data) -> Data {
        guard input.first == UInt8(ascii: "{") else { return input }
        var end = 0
        if let header = (try? JSONSerialization.jsonObject(with: input)) as? [String: Any] {
            for case let tensor as [String: Any] in header.values {
                if let offsets = tensor["data_offsets"] as? [Int], offsets.count == 2 { end = max(end, offsets[1]) }
            }
        }
        var file = Data()
        withUnsafeBytes(of: UInt64(input.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(input)
        file.append(Data(count: min(end, 1 << 20)))
        return file
    }
}
