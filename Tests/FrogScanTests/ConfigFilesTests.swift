import FrogConfig
import FrogTestSupport
import XCTest

/// The configs shipped in `configs/` load cleanly, and `default.yaml` is the embedded default.
final class ConfigFilesTests: XCTestCase {
    private func path(_ name: String) -> String {
        SharedData.repositoryRoot.appendingPathComponent("configs/\(name)").path
    }

    func testDefaultYAMLEqualsTheEmbeddedDefault() throws {
        XCTAssertEqual(try ConfigLoader.load(path: path("default.yaml")), RunConfig())
    }

    func testShippedConfigsLoad() throws {
        XCTAssertEqual(try ConfigLoader.load(path: path("cnn.yaml")).model.family, .cnn)
        XCTAssertEqual(try ConfigLoader.load(path: path("birnn.yaml")).model.rnn, .lstm)
        XCTAssertEqual(try ConfigLoader.load(path: path("crnn.yaml")).model.family, .crnn)
        XCTAssertEqual(try ConfigLoader.load(path: path("xenocanto.yaml")).data.ignore, ["Pelobates_cultripes"])
    }
}
