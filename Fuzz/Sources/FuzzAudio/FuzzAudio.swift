import Foundation
import FrogAudio
import FuzzSupport

/// Audio through libsndfile's virtual I/O: the header, then every frame in small blocks,
/// then a seek back and a second read, as `AudioReader` does for a clip.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAudio(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let file = try? AudioFile(data: FuzzInput.data(bytes, count), name: "fuzz.audio") else { return 0 }
    // A tiny input can claim billions of frames; read at most a bounded number of blocks.
    var blocks = 0
    while blocks < 256, let block = try? file.readFrames(1_024), block.first?.isEmpty == false {
        precondition(block.count == file.info.channels)
        blocks += 1
    }
    try? file.seek(toFrame: file.info.frames / 2)
    _ = try? file.readFrames(1_024)
    return 0
}

@_cdecl("FuzzAudio_main")
public func fuzzAudioMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzAudio)
}
