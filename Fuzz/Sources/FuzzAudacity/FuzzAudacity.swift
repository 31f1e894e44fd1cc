import FrogData
import FuzzSupport

/// Audacity label files: the reader alone, then the label loader on the same file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAudacity(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let recording = FuzzInput.placeholder(name: "rec.wav")
    let path = FuzzInput.file(bytes, count, name: "rec.txt")
    _ = try? AudacityLabels.read(path: path, recording: recording)
    _ = try? AnnotationSet.load(recordings: recording, labels: path)
    return 0
}

@_cdecl("FuzzAudacity_main")
public func fuzzAudacityMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzAudacity)
}
