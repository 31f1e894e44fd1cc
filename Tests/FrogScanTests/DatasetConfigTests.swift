import FrogConfig
import FrogData
import FrogTestSupport
import FrogTrain
import XCTest

/// The `dataset` commands read the same YAML as `train`, strictly.
final class DatasetConfigTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = SharedData.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func write(_ yaml: String) throws -> String {
        let path = folder.appendingPathComponent("config.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func configPath(_ name: String) -> String {
        SharedData.repositoryRoot.appendingPathComponent("configs/\(name)").path
    }

    func testATrainConfigServesTheDatasetCommands() throws {
        let config = try DatasetConfig.load(path: configPath("xenocanto.yaml"))
        XCTAssertEqual(config.labels.ignore, ["Pelobates_cultripes"])
        XCTAssertEqual(config.labels.groupColumn, "group_id")
        XCTAssertNil(config.labels.classes, "data.classes empty: any label")
        XCTAssertEqual(config.clips.maxPerRecording, 60)
        XCTAssertEqual(config.run, try ConfigLoader.load(path: configPath("xenocanto.yaml")))
        let example = try DatasetConfig.load(path: configPath("labels-example.yaml"))
        XCTAssertEqual(example.labels.aliases["C. signifera"], "crinia_signifera")
        XCTAssertEqual(example.labels.groupColumn, "site")
        XCTAssertEqual(example.clips.placement, .centered)
        let aliases = try DatasetConfig.load(path: try write("data:\n  aliases: {\"L. fallax\": frog_a}\n  classes: [frog_a, frog_b]\n"))
        XCTAssertEqual(aliases.labels.resolve("L. fallax"), "frog_a")
        XCTAssertEqual(aliases.labels.classes, ["frog_a", "frog_b"])
    }

    func testUnknownKeysAreNamedWithTheFile() throws {
        for (yaml, key) in [
            ("clips:\n  clip_seconds: 1.5\n", "clips.clip_seconds"),
            ("labels:\n  alias: {}\n", "labels.alias"),
            ("data:\n  alias: {}\n", "data.alias"),
            ("labelz: {}\n", "labelz"),
            ("clips: {placement: middle}\n", "clips.placement"),
        ] {
            let path = try write(yaml)
            XCTAssertThrowsError(try DatasetConfig.load(path: path), yaml) { error in
                XCTAssertTrue("\(error)".contains("'\(key)'") && "\(error)".contains(path), "\(error)")
            }
        }
    }

    func testLabelsAndDataLabelKeysTogetherAreAnError() throws {
        let path = try write("labels:\n  ignore: [a]\ndata:\n  ignore: [b]\n")
        XCTAssertThrowsError(try DatasetConfig.load(path: path)) { error in
            XCTAssertTrue("\(error)".contains("data.ignore") && "\(error)".contains(path), "\(error)")
        }
    }
}
