import Foundation
import FrogDSP
import FrogModel
import FrogNN
import FuzzSupport

/// Model files: the safetensors container (header, metadata, tensors), then
/// `ModelBundle.load`. A model that loads then goes through what `detect` does first with
/// it: a feature extractor from its preprocessing and one window of silence scored. Anything
/// that traps or allocates without bound there is a model the loader should have refused.
///
/// An input that starts with `{` is a safetensors header alone: `ReaderProbes.safetensors` adds
/// the length field and a zero-filled data section, so a mutation of the metadata is not lost
/// to a length field that no longer matches. Any other input is a whole file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    ReaderProbes.model(FuzzInput.data(bytes, count), path: FuzzInput.folder + "/model.safetensors")
    return 0
}

@_cdecl("FuzzModel_main")
public func fuzzModelMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzModel)
}
