import Foundation
import FrogDSP
import FuzzSupport

/// `.npy` decoding; what decodes must encode again to the same values (for the shapes
/// frogscan writes: a few dimensions).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPY(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let (values, shape) = try? NPY.decode(FuzzInput.data(bytes, count)), shape.count <= 4 else { return 0 }
    let again = try! NPY.decode(NPY.encode(values, shape: shape.isEmpty ? [values.count] : shape))
    precondition(again.values.elementsEqual(values) { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) })
    return 0
}

@_cdecl("FuzzNPY_main")
public func fuzzNPYMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzNPY)
}
