import Foundation
import FrogSynth
import FrogTestSupport
import XCTest

/// configs/synth.yaml, defaults, and the errors a bad config gives.
final class SynthConfigTests: XCTestCase {
    private var folder: URL!

    override func setUp() { folder = SharedData.temporaryDirectory("frogscan-synthconfig") }
    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func write(_ yaml: String) -> String {
        let path = folder.appendingPathComponent("c.yaml").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(yaml.utf8)))
        return path
    }

    /// The committed config documents the built-in defaults; they must not drift apart.
    func testCommittedConfigEqualsDefaults() throws {
        let path = SharedData.repositoryRoot.appendingPathComponent("configs/synth.yaml").path
        XCTAssertEqual(try SynthConfig.load(path: path), SynthConfig())
    }

    /// `make demo`'s settings load, keep the five species and take turns.
    func testDemoConfigLoads() throws {
        let path = SharedData.repositoryRoot.appendingPathComponent("configs/demo.synth.yaml").path
        let config = try SynthConfig.load(path: path)
        XCTAssertEqual(config.callGapSeconds, 0.75)
        XCTAssertEqual(Set(config.species.keys), Set(SynthConfig.defaultSpecies.keys))
        XCTAssertEqual(config.distanceLossDB, [0, 6])
    }

    func testMissingKeysKeepDefaults() throws {
        let config = try SynthConfig.load(path: write("seconds: 5\nspecies:\n  other_frog: {calls_per_minute: 9, low_hz: 1800, high_hz: 2000}\n"))
        XCTAssertEqual(config.seconds, 5)
        XCTAssertEqual(config.sampleRate, 22_050)
        XCTAssertEqual(config.settings(for: .otherFrog).callsPerMinute, 9)
        XCTAssertEqual(config.settings(for: .litoriaFallax), SynthConfig.defaultSpecies["litoria_fallax"])
    }

    func testNightPatternDefaultsAndOverrides() throws {
        let config = try SynthConfig.load(path: write("""
            species:
              other_frog: {calls_per_minute: 9, low_hz: 1800, high_hz: 2000}
              crinia_signifera: {calls_per_minute: 9, low_hz: 2600, high_hz: 3300, night_pattern: late}
            site_absent: {creek: [litoria_fallax]}
            """))
        XCTAssertEqual(config.nightPattern(for: .otherFrog), .dusk, "left out: the species' built-in pattern")
        XCTAssertEqual(config.nightPattern(for: .criniaSignifera), .late)
        XCTAssertEqual(config.nightPattern(for: .limnodynastesTasmaniensis), .wetOnly)
        XCTAssertTrue(config.isAbsent(.litoriaFallax, at: "creek"))
        XCTAssertFalse(config.isAbsent(.litoriaFallax, at: "pond"))
    }

    func testErrorsNameTheFileAndTheSetting() {
        let cases = [
            ("secnds: 5\n", "secnds"),
            ("species:\n  litoria_aurea: {calls_per_minute: 1, low_hz: 500, high_hz: 900}\n", "litoria_aurea"),
            ("call_level_db: [-4, -12]\n", "call_level_db"),
            ("sample_rate: 8000\nspecies:\n  litoria_fallax: {calls_per_minute: 1, low_hz: 4200, high_hz: 4800}\n", "Nyquist"),
            // An old key says what replaced it.
            ("recordings_per_night: 4\n", "recordings_per_night was replaced by survey_end_time"),
            ("species:\n  other_frog: {calls_per_minute: 1, low_hz: 1700, high_hz: 2300, night_pattern: dawn}\n", "night_pattern 'dawn'"),
            ("site_absent: {creek: [litoria_falax]}\n", "litoria_falax"),
            ("survey_end_time: \"5:30\"\n", "survey_end_time"),
            ("rain_probability: 1.5\n", "rain_probability"),
        ]
        for (yaml, expected) in cases {
            let path = write(yaml)
            XCTAssertThrowsError(try SynthConfig.load(path: path), yaml) { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains(path) && text.contains(expected), text)
                XCTAssertFalse(text.contains("not valid YAML"), "our message, not the decoder's wrapper: \(text)")
            }
        }
    }
}
