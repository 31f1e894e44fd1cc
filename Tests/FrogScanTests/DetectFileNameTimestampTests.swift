import Foundation
import FrogCore
import XCTest

final class DetectFileNameTimestampTests: XCTestCase {
    func testAudioMothName() throws {
        let stamp = FileNameTimestamp().stamp(for: "/cards/dam-north/20240315_193000.WAV")
        XCTAssertEqual(stamp.site, "dam-north")
        let start = try XCTUnwrap(stamp.start)
        XCTAssertEqual(FileNameTimestamp.format(start), "2024-03-15T19:30:00.000")
        XCTAssertEqual(FileNameTimestamp.format(start, offsetSeconds: 3725.5), "2024-03-15T20:32:05.500")
    }

    func testSongMeterNameCrossesMidnight() throws {
        let stamp = FileNameTimestamp().stamp(for: "x/S4A01234_20231231_235959.wav")
        XCTAssertEqual(stamp.site, "x")
        let start = try XCTUnwrap(stamp.start)
        XCTAssertEqual(FileNameTimestamp.format(start, offsetSeconds: 1.25), "2024-01-01T00:00:00.250")
    }

    func testNameWithoutTimestamp() {
        let stamp = FileNameTimestamp().stamp(for: "pond/chorus.flac")
        XCTAssertEqual(stamp, .init(site: "pond", start: nil))
        XCTAssertNil(FileNameTimestamp().stamp(for: "a/20241345_250000.wav").start, "month 13 is not a date")
    }

    func testCustomPatternWithSite() throws {
        let parser = try FileNameTimestamp(pattern: "{site}-{YYYY}{MM}{DD}T{hh}{mm}{ss}*")
        let stamp = parser.stamp(for: "/r/whatever/creek2-20220701T031500_extra.wav")
        XCTAssertEqual(stamp.site, "creek2")
        XCTAssertEqual(FileNameTimestamp.format(try XCTUnwrap(stamp.start)), "2022-07-01T03:15:00.000")
    }

    func testBadPatternsAreRejected() {
        XCTAssertThrowsError(try FileNameTimestamp(pattern: "{YYYY}{MM}{DD}")) { error in
            XCTAssertTrue("\(error)".contains("{hh} is missing"), "\(error)")
        }
        XCTAssertThrowsError(try FileNameTimestamp(pattern: "{year}{MM}{DD}{hh}{mm}{ss}"))
    }
}
