import Foundation
import FrogTestSupport
import FrogTrain
import XCTest

final class TFEventsTests: XCTestCase {
    func testCRC32CKnownVectors() {
        // Standard check value of CRC-32C, and RFC 3720 (iSCSI) B.4 test vectors.
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0, count: 32)), 0x8A91_36AA)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)), 0x62A8_AB43)
        XCTAssertEqual(CRC32C.checksum((0..<32).map { UInt8($0) }), 0x46DD_794E)
    }

    func testEventEncodingMatchesProtobufBytes() {
        // Hand-assembled: field 1 fixed64 1.0, field 2 varint 3, field 5 Summary{Value{tag "a",
        // simple_value 0.5}}.
        let event = TFEvent(wallTime: 1, step: 3, scalars: [("a", 0.5)])
        XCTAssertEqual(
            event.encoded(),
            [0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x10, 0x03,
             0x2A, 0x0A, 0x0A, 0x08, 0x0A, 0x01, 0x61, 0x15, 0, 0, 0, 0x3F])
    }

    func testWrittenFileReadsBack() throws {
        let directory = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try TFEventsWriter(directory: directory.path, wallTime: 1_700_000_000)
        try writer.add(step: 1, scalars: [("loss", 0.75), ("val/acc", 0.5)], wallTime: 1_700_000_001.5)
        try writer.add(step: 2, scalars: [("loss", 0.25)], wallTime: 1_700_000_002)
        XCTAssertTrue(writer.path.contains("events.out.tfevents.1700000000."))

        let events = try TFRecord.readEvents(path: writer.path)
        XCTAssertEqual(events.count, 3)
        XCTAssertEqual(events[0].fileVersion, "brain.Event:2")
        XCTAssertEqual(events[1], TFEvent(wallTime: 1_700_000_001.5, step: 1, scalars: [("loss", 0.75), ("val/acc", 0.5)]))
        XCTAssertEqual(events[2].scalars.map(\.value), [0.25])
    }

    func testCorruptedRecordIsRejected() {
        var bytes = TFRecord.frame(TFEvent(wallTime: 2, step: 1, scalars: [("x", 1)]).encoded())
        XCTAssertNoThrow(try TFRecord.payloads(bytes))
        bytes[14] ^= 0x01
        XCTAssertThrowsError(try TFRecord.payloads(bytes))
        XCTAssertThrowsError(try TFRecord.payloads(Array(bytes.prefix(10))))
    }
}
