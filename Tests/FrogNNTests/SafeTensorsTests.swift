import Foundation
import FrogNN
import FrogTestSupport
import XCTest

final class SafeTensorsTests: XCTestCase {
    func testRoundTripAndLayout() throws {
        let a = NamedTensor(name: "a", tensor: Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, -6.5]))
        let b = NamedTensor(name: "b.weight", tensor: Tensor(shape: [1], data: [.pi]))
        let data = try SafeTensors.encode([a, b], metadata: ["format": "pt"])
        let headerLength = data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        XCTAssertEqual(headerLength % 8, 0, "header is padded to 8 bytes")
        XCTAssertEqual(data.count, 8 + Int(headerLength) + 7 * 4)
        let header = String(decoding: data.subdata(in: 8..<(8 + Int(headerLength))), as: UTF8.self)
        XCTAssertTrue(header.contains("\"dtype\":\"F32\""), header)
        XCTAssertTrue(header.contains("\"data_offsets\":[24,28]"), header)
        let file = try SafeTensors.decode(data)
        XCTAssertEqual(file.names, ["a", "b.weight"])
        XCTAssertEqual(file.tensors["a"], a.tensor)
        XCTAssertEqual(file.tensors["b.weight"], b.tensor)
        XCTAssertEqual(file.metadata, ["format": "pt"])
    }

    func testRejectsBrokenFilesWithClearErrors() throws {
        let good = try SafeTensors.encode([NamedTensor(name: "w", tensor: Tensor(shape: [4], data: [1, 2, 3, 4]))])
        func expectError(_ data: Data, _ fragment: String, line: UInt = #line) {
            XCTAssertThrowsError(try SafeTensors.decode(data, path: "x.safetensors"), line: line) { error in
                XCTAssertTrue("\(error)".contains(fragment), "\(error)", line: line)
                XCTAssertTrue("\(error)".contains("x.safetensors"), line: line)
            }
        }
        expectError(Data([1, 2, 3]), "truncated")
        expectError(good.prefix(good.count - 4), "outside")
        expectError(good.prefix(20), "header length")
        expectError(Data("RIFF....WAVEfmt data".utf8), "header length")
        var foreign = Data()
        withUnsafeBytes(of: UInt64(8).littleEndian) { foreign.append(contentsOf: $0) }
        foreign.append(Data("[1,2,3] ".utf8))
        expectError(foreign, "not a JSON object")
        let f16 = String(decoding: good, as: UTF8.self).replacingOccurrences(of: "F32", with: "F16")
        expectError(Data(f16.utf8), "only F32")
    }

    func testLoadingIntoAModelChecksNamesAndShapes() throws {
        let model = try ModelBuilder.build(ModelTests.tinySpec(), seed: 1)
        var file = SafeTensorsFile(names: [], tensors: [:], metadata: [:])
        for t in model.namedTensors { file.tensors[t.name] = t.tensor }
        file.tensors["layers.0.weight"] = Tensor(zeros: [1])
        XCTAssertThrowsError(try model.loadWeights(from: file)) { XCTAssertTrue("\($0)".contains("layers.0.weight")) }
        file.tensors["layers.0.weight"] = nil
        XCTAssertThrowsError(try model.loadWeights(from: file)) { XCTAssertTrue("\($0)".contains("missing")) }
    }
}
