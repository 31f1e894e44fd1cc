import FrogDSP
import FrogScan
import FuzzSupport

/// The run-config loader on YAML text. A config that resolves (so passed `validate()`) then
/// goes through what `train` does first with it: the feature extractor, the window sizes and
/// the network's construction. Anything that traps or allocates without bound there is a
/// config validation should have refused.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let yaml = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    guard let config = try? ConfigLoader.resolve(yaml: yaml, source: "fuzz.yaml") else { return 0 }
    _ = try? ConfigLoader.yaml(config)
    let extractor = FeatureExtractor(config: config.features)
    let layout = InputLayout(
        arrangement: config.model.family == .birnn ? .sequence : .image,
        normalization: config.clips.normalization, bins: extractor.bins, frames: config.windowFrames)
    _ = config.hopFrames
    _ = config.timeCropMarginFrames
    _ = try? ModelFactory.network(
        config: config.model, inputShape: layout.sampleShape, classCount: 2, seed: UInt64(config.seed))
    return 0
}

@_cdecl("FuzzConfig_main")
public func fuzzConfigMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzConfig)
}
