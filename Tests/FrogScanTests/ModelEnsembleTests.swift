import FrogDSP
@testable import FrogModel
@testable import FrogTrain
import XCTest

final class ModelEnsembleTests: XCTestCase {
    func trained(seed: Int, classes: Int = 3) throws -> ModelBundle {
        var config = try TrainSyntheticData.config(.cnn, epochs: 1)
        config.seed = seed
        let trainer = try Trainer(config: config, data: TrainSyntheticData.data(classes: classes), log: { _ in })
        _ = try trainer.run()
        return trainer.bundle(thresholds: (0..<classes).map { Float(seed) / 10 + Float($0) / 100 })
    }

    func testScoresAreTheMembersMean() throws {
        let a = try trained(seed: 1), b = try trained(seed: 2)
        let ensemble = try ModelEnsemble([a, b], names: ["a", "b"])
        let windows = TrainSyntheticData.data().test.prefix(6).map(\.features)
        let (sa, sb, se) = (try a.scores(windows), try b.scores(windows), try ensemble.scores(windows))
        XCTAssertNotEqual(sa, sb, "two seeds should give two different models")
        for w in se.indices {
            for c in se[w].indices { XCTAssertEqual(se[w][c], (sa[w][c] + sb[w][c]) / 2, accuracy: 1e-6) }
            XCTAssertEqual(se[w].reduce(0, +), 1, accuracy: 1e-5)
        }
        XCTAssertEqual(ensemble.thresholds[1], (0.11 + 0.21) / 2, accuracy: 1e-6)
        XCTAssertEqual(ensemble.classes, a.classes)
    }

    func testMembersMustShareClasses() throws {
        let a = try trained(seed: 1), b = try trained(seed: 2, classes: 2)
        XCTAssertThrowsError(try ModelEnsemble([a, b], names: ["first.safetensors", "second.safetensors"])) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("second.safetensors") && text.contains("classes"), text)
        }
    }
}
