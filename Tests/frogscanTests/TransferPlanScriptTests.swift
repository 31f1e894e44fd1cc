import FrogTestSupport
import Foundation
import XCTest

/// `benchmarks/transfer_plan.py`, the data of the transfer benchmark: K recordings per target
/// species from distinct sites, nested across K, seeded, and eval recordings only ever in test.
final class TransferPlanScriptTests: XCTestCase {
    func testDrawsNestedDistinctSiteSubsetsAndKeepsEvalOutOfTraining() throws {
        guard let python = Script.find(onPath: "python3") else { throw XCTSkip("python3 is not on PATH") }
        let folder = SharedData.temporaryDirectory("frogscan-transfer-plan")
        defer { try? FileManager.default.removeItem(at: folder) }
        // 6 species × (5 dev recordings on 3 sites + 2 eval recordings).
        var lines = ["file,label,group_id,suggested_split"]
        let species = ["Alytes_obstetricans", "Bufo_bufo", "Epidalea_calamita",
                       "Hyla_meridionalis", "Pelodytes_punctatus", "Pelophylax_perezi"]
        for (s, name) in species.enumerated() {
            for i in 0..<5 { lines.append("audio/\(name)/d\(i).mp3,\(name),G\(s)\(i % 3),dev") }
            for i in 0..<2 { lines.append("audio/\(name)/e\(i).mp3,\(name),E\(s)\(i),eval") }
        }
        let metadata = folder.appendingPathComponent("metadata.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: metadata, atomically: true, encoding: .utf8)

        func plan(seed: Int, into out: URL) throws -> [String: [[String]]] {
            let (status, text) = try Script.run(python, [
                SharedData.repositoryRoot.appendingPathComponent("benchmarks/transfer_plan.py").path,
                metadata.path, out.path, String(seed), "1", "2", "4", "all"])
            XCTAssertEqual(status, 0, text)
            var result: [String: [[String]]] = [:]
            for k in ["1", "2", "4", "all"] {
                let split = try String(contentsOf: out.appendingPathComponent("seed\(seed)/k\(k)/split.csv"), encoding: .utf8)
                result[k] = split.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
            }
            return result
        }
        let a = try plan(seed: 3, into: folder.appendingPathComponent("a"))
        let b = try plan(seed: 3, into: folder.appendingPathComponent("b"))
        XCTAssertEqual(a["2"]!, b["2"]!, "same seed, same draw")

        func train(_ rows: [[String]]) -> [[String]] { rows.filter { $0[2] == "train" } }
        XCTAssertEqual(train(a["1"]!).count, 3)
        XCTAssertEqual(train(a["2"]!).count, 6)
        XCTAssertEqual(train(a["4"]!).count, 12)
        XCTAssertEqual(train(a["all"]!).count, 15)
        for k in ["1", "2", "4", "all"] {
            let rows = a[k]!
            XCTAssertTrue(train(rows).allSatisfy { $0[0].contains("/d") }, "only dev recordings train")
            XCTAssertTrue(rows.filter { $0[2] == "test" }.allSatisfy { $0[0].contains("/e") }, "eval is test")
            XCTAssertEqual(rows.filter { $0[2] == "test" }.count, 6, "the target species' eval recordings")
            XCTAssertTrue(rows.allSatisfy { row in species.suffix(3).contains { row[0].contains($0) } }, "target species only")
        }
        // Nested draws, and the first three of a species come from its three sites.
        let one = Set(train(a["1"]!).map { $0[0] }), two = Set(train(a["2"]!).map { $0[0] })
        XCTAssertTrue(one.isSubset(of: two))
        XCTAssertTrue(two.isSubset(of: Set(train(a["4"]!).map { $0[0] })))
        for name in species.suffix(3) {
            let sites = train(a["4"]!).filter { $0[0].contains(name) }.prefix(3).map { $0[1] }
            XCTAssertEqual(Set(sites).count, 3, "\(name): \(sites)")
        }
        let pretrain = try String(contentsOf: folder.appendingPathComponent("a/pretrain-labels.csv"), encoding: .utf8)
        XCTAssertTrue(species.prefix(3).allSatisfy { pretrain.contains($0) })
        XCTAssertFalse(species.suffix(3).contains { pretrain.contains($0) })
    }
}
