import Foundation
import FrogNN
import XCTest

/// Files whose header and data disagree, or whose values are not finite, must be refused: the
/// reader used to accept them and hand out misread or NaN weights (issue 16, item 8).
final class SafeTensorsValidationTests: XCTestCase {
    /// A file from a header object and raw Float32 data, with `padding` spaces after the JSON
    /// and the header-length field set to the header's length plus `lengthError`.
    private func file(_ header: String, values: [Float], padding: Int = 8, lengthError: Int = 0, extra: Int = 0) -> Data {
        let json = Data(header.utf8) + Data(repeating: UInt8(ascii: " "), count: padding)
        var data = Data()
        withUnsafeBytes(of: UInt64(json.count + lengthError).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        data.append(Data(repeating: 0, count: extra))
        return data
    }

    private let twoTensors = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#

    private func expectError(_ data: Data, _ fragment: String, line: UInt = #line) {
        XCTAssertThrowsError(try SafeTensors.decode(data, path: "m.safetensors"), line: line) { error in
            XCTAssertEqual((error as? FrogNNError).map { if case .invalidFile = $0 { true } else { false } }, true, line: line)
            XCTAssertTrue("\(error)".hasPrefix("m.safetensors: "), "\(error)", line: line)
            XCTAssertTrue("\(error)".contains(fragment), "\(error)", line: line)
        }
    }

    func testAWellFormedFileReads() throws {
        let decoded = try SafeTensors.decode(file(twoTensors, values: [1, 2, 3]))
        XCTAssertEqual(decoded.tensors["a"]?.data, [1, 2])
        XCTAssertEqual(decoded.tensors["b"]?.data, [3])
    }

    func testHeaderLengthOffByOneIsRefused() {
        // One byte short: the JSON still parses (a padding space is lost) but the data section
        // starts a byte early, so every value would be misread.
        expectError(file(twoTensors, values: [1, 2, 3], lengthError: -1), "header-length")
    }

    func testBytesAfterTheLastTensorAreRefused() {
        expectError(file(twoTensors, values: [1, 2, 3], extra: 4), "cover 12 bytes but the data section holds 16")
    }

    func testGapsAndOverlapsBetweenTensorsAreRefused() {
        let gap = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#
        expectError(file(gap, values: [1, 2, 3]), "gap of 4 bytes")
        let overlap = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        expectError(file(overlap, values: [1, 2, 3]), "overlaps")
    }

    func testNonFiniteValuesAreRefused() {
        expectError(file(twoTensors, values: [1, .nan, 3]), "tensor 'a' holds nan at index 1")
        expectError(file(twoTensors, values: [1, 2, -.infinity]), "tensor 'b' holds -inf at index 0")
    }

    func testAHugeShapeIsRefusedNotOverflowed() {
        let huge = #"{"a":{"dtype":"F32","shape":[9223372036854775807,4],"data_offsets":[0,12]}}"#
        expectError(file(huge, values: [1, 2, 3]), "bytes for shape")
    }
}
