import FrogImage
import FrogTestSupport
import XCTest

final class PNGTests: XCTestCase {
    func testRoundTripKeepsEveryPixel() throws {
        let folder = SharedData.temporaryDirectory("png")
        defer { try? FileManager.default.removeItem(at: folder) }
        var raster = Raster(width: 7, height: 5)
        for i in raster.pixels.indices { raster.pixels[i] = UInt8((i * 37) % 256) }
        let path = folder.appendingPathComponent("round.png").path
        try PNGEncoder.write(raster, to: path)
        XCTAssertEqual(try PNGDecoder.read(path), raster)
        // Atomic write: only the final file remains, no temporary beside it.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["round.png"])
    }

    func testOverwriteReplacesFile() throws {
        let folder = SharedData.temporaryDirectory("png")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.png").path
        try PNGEncoder.write(Raster(width: 2, height: 2, fill: (1, 2, 3)), to: path)
        try PNGEncoder.write(Raster(width: 3, height: 1, fill: (9, 8, 7)), to: path)
        let back = try PNGDecoder.read(path)
        XCTAssertEqual(back.width, 3)
        XCTAssertEqual(back.get(x: 2, y: 0).r, 9)
    }

    func testMissingFolderErrorNamesPath() {
        let path = "/nonexistent-frogscan-folder/sub/out.png"
        XCTAssertThrowsError(try PNGEncoder.write(Raster(width: 2, height: 2), to: path)) { error in
            XCTAssertEqual(error as? FrogImageError, .missingFolder(path: path))
            XCTAssertTrue("\(error)".contains(path))
        }
    }

    func testReadingNonPNGErrorNamesPath() throws {
        let folder = SharedData.temporaryDirectory("png")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("not.png").path
        try Data("hello, not an image".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try PNGDecoder.read(path)) { error in
            XCTAssertTrue("\(error)".contains(path), "\(error)")
        }
        XCTAssertThrowsError(try PNGDecoder.read(folder.appendingPathComponent("missing.png").path)) { error in
            XCTAssertTrue("\(error)".contains("missing.png"), "\(error)")
        }
    }
}
