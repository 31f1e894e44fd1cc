import FrogData
import FuzzSupport

/// Raven selection tables: the reader alone, then the label loader (format detection, name
/// matching) on the same file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRaven(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let recording = FuzzInput.placeholder(name: "rec.wav")
    let path = FuzzInput.file(bytes, count, name: "rec.Table.1.selections.txt")
    _ = try? RavenTable.readSelections(path: path)
    _ = try? RavenTable.read(path: path, recording: recording)
    _ = try? AnnotationSet.load(recordings: recording, labels: path)
    return 0
}

@_cdecl("FuzzRaven_main")
public func fuzzRavenMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzRaven)
}
