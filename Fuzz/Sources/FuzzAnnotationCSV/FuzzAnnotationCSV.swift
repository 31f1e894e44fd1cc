import FrogData
import FuzzSupport

/// Annotation CSVs and manifests: the record parser, the reader with and without a `file`
/// column, then the label loader on the same file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnnotationCSV(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let recording = FuzzInput.placeholder(name: "rec.wav")
    let path = FuzzInput.file(bytes, count, name: "rec.csv")
    _ = try? AnnotationCSV.header(path: path)
    _ = try? AnnotationCSV.read(path: path)
    _ = try? AnnotationCSV.read(path: path, recording: recording)
    _ = try? AnnotationSet.load(recordings: recording, labels: path)
    return 0
}

@_cdecl("FuzzAnnotationCSV_main")
public func fuzzAnnotationCSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzAnnotationCSV)
}
