import Foundation
import FrogDSP
import FrogNN
import FrogScan
import FuzzSupport

/// Model files: the safetensors container (header, metadata, tensors), then
/// `ModelBundle.load`. A model that loads then goes through what `detect` does first with
/// it: a feature extractor from its preprocessing and one window of silence scored. Anything
/// that traps or allocates without bound there is a model the loader should have refused.
///
/// An input that starts with `{` is a safetensors header alone: `FuzzInput.safetensors` adds
/// the length field and a zero-filled data section, so a mutation of the metadata is not lost
/// to a length field that no longer matches. Any other input is a whole file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = FuzzInput.safetensors(FuzzInput.data(bytes, count))
    _ = try? SafeTensors.decode(data)
    let path = FuzzInput.folder + "/model.safetensors"
    guard (try? data.write(to: URL(fileURLWithPath: path))) != nil else { return 0 }
    guard let bundle = try? ModelBundle.load(path: path) else { return 0 }
    let extractor = FeatureExtractor(config: bundle.featureConfig)
    // `detect` cuts windows of the extractor's bins × the model's frames; a layout that
    // disagrees is refused there with a message (inputMismatch), not a crash.
    let frames = bundle.layout.frames
    guard frames >= 1 else { return 0 }
    let window = FeatureImage(
        bins: extractor.bins, frames: frames, values: [Float](repeating: 0, count: extractor.bins * frames),
        secondsPerFrame: bundle.featureConfig.secondsPerFrame,
        binFrequencies: extractor.binFrequencies)
    _ = try? bundle.scores([window])
    return 0
}

@_cdecl("FuzzModel_main")
public func fuzzModelMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzModel)
}
