import FrogDSP
import FrogModel
import FuzzSupport

/// The run-config loader on YAML text. A config that resolves (so passed `validate()`) then
/// goes through what `train` does first with it: the feature extractor, the window sizes and
/// the network's construction. Anything that traps or allocates without bound there is a
/// config validation should have refused.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    ReaderProbes.config(yaml: String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
    return 0
}

@_cdecl("FuzzConfig_main")
public func fuzzConfigMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzConfig)
}
