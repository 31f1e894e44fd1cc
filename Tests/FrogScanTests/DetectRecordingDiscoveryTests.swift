import Foundation
import FrogCore
import FrogDetect
import FrogTestSupport
import XCTest

final class DetectRecordingDiscoveryTests: XCTestCase {
    func testRecursiveCaseInsensitiveSortedWalk() throws {
        let root = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let names = ["b/20240101_000000.WAV", "a/x.flac", "a/deep/er/y.Ogg", "notes.txt", "a/.hidden.wav",
                     "c.mp3", "d.aiff"]
        for name in names {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data([0]).write(to: url)
        }
        let found = try RecordingDiscovery.recordings(in: [root.path])
        let relative = found.map { String($0.dropFirst(root.path.count + 1)) }
        XCTAssertEqual(relative, ["a/deep/er/y.Ogg", "a/x.flac", "b/20240101_000000.WAV", "c.mp3", "d.aiff"])
        // A file given directly is taken as is, and listing it twice does not duplicate it.
        XCTAssertEqual(try RecordingDiscovery.recordings(in: [found[3], found[3]]), [found[3]])
    }

    /// Recordings linked into a folder are found like copies; a dangling link is not.
    func testSymbolicLinksToFilesAreRecordings() throws {
        let root = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = root.appendingPathComponent("store/night.wav")
        try FileManager.default.createDirectory(at: store.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data([0]).write(to: store)
        let folder = root.appendingPathComponent("linked")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("a.wav"), withDestinationURL: store)
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("gone.wav"), withDestinationURL: root.appendingPathComponent("missing.wav"))
        XCTAssertEqual(try RecordingDiscovery.recordings(in: [folder.path]), [folder.appendingPathComponent("a.wav").path])
    }

    func testMissingInputIsAnError() {
        XCTAssertThrowsError(try RecordingDiscovery.recordings(in: ["/no/such/folder"])) { error in
            XCTAssertEqual(error as? DetectError, .inputNotFound(path: "/no/such/folder"))
        }
    }

    func testOutputLayoutMirrorsFoldersAndAvoidsCollisions() {
        let layout = OutputLayout(
            folder: URL(fileURLWithPath: "/out"),
            recordings: ["/cards/siteA/1.WAV", "/cards/siteB/1.WAV", "/cards/siteB/2.wav", "/cards/siteB/2.flac"])
        XCTAssertEqual(layout.ravenTable(for: "/cards/siteA/1.WAV").path, "/out/siteA/1.selections.txt")
        XCTAssertEqual(layout.audacityLabels(for: "/cards/siteB/1.WAV").path, "/out/siteB/1.labels.txt")
        XCTAssertEqual(layout.ravenTable(for: "/cards/siteB/2.flac").path, "/out/siteB/2.flac.selections.txt")
        XCTAssertEqual(layout.marker(for: "/cards/siteA/1.WAV").path, "/out/.frogscan/siteA/1.done.json")
    }
}
