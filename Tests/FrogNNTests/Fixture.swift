import Foundation
import FrogNN
import XCTest

/// A PyTorch fixture written by Tests/Fixtures/generate/nn_fixtures.py.
struct Fixture {
    let json: [String: Any]

    init(_ name: String) throws {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw XCTSkip("fixture \(name).json missing: run Tests/Fixtures/generate/nn_fixtures.py")
        }
        json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    static func tensor(_ value: Any?) -> Tensor {
        let object = value as! [String: Any]
        let shape = (object["shape"] as! [NSNumber]).map(\.intValue)
        let data = (object["data"] as! [NSNumber]).map(\.floatValue)
        return Tensor(shape: shape, data: data)
    }

    func tensor(_ key: String) -> Tensor { Self.tensor(json[key]) }
    func dictionary(_ key: String) -> [String: Any] { json[key] as! [String: Any] }
}
