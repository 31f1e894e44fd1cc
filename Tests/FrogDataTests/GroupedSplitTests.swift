import FrogData
import FrogNN
import XCTest

final class GroupedSplitTests: XCTestCase {
    /// 40 sites, 5 uneven species, several recordings per site.
    func makeGroups(seed: UInt64) -> (groups: [GroupedSplit.Group], recordings: [(recording: String, group: String, label: String)]) {
        var random = SeededRNG(seed: seed)
        let species = ["a", "b", "c", "d", "e"]
        var recordings: [(String, String, String)] = []
        for site in 0..<40 {
            for r in 0..<Int.random(in: 1...4, using: &random) {
                // Species a is common, e rare.
                let label = species[min(4, Int(abs(random.normal()) * 1.5))]
                recordings.append(("site\(site)/rec\(r).wav", "site\(site)", label))
            }
        }
        let groups = Dictionary(grouping: recordings, by: \.1).map { name, rows in
            GroupedSplit.Group(name: name, labelCounts: Dictionary(rows.map { ($0.2, 1) }, uniquingKeysWith: +))
        }
        return (groups, recordings)
    }

    func testNoGroupInTwoSplitsOverManySeeds() {
        for seed in UInt64(0)..<200 {
            let (groups, recordings) = makeGroups(seed: seed)
            let assignment = GroupedSplit(validationFraction: 0.2, testFraction: 0.2, seed: seed).assign(groups)
            XCTAssertEqual(Set(assignment.keys), Set(groups.map(\.name)), "every group placed, seed \(seed)")
            // Each recording takes its group's split; a group in two splits would need two entries.
            var splitsOfGroup: [String: Set<SplitName>] = [:]
            for r in recordings { splitsOfGroup[r.group, default: []].insert(assignment[r.group]!) }
            XCTAssertTrue(splitsOfGroup.values.allSatisfy { $0.count == 1 }, "seed \(seed)")
            XCTAssertEqual(Set(assignment.values), [.train, .validation, .test], "all three parts used, seed \(seed)")
        }
    }

    func testStratifiedSharesAreCloseToFractions() {
        let (groups, _) = makeGroups(seed: 3)
        let assignment = GroupedSplit(validationFraction: 0.2, testFraction: 0.2, seed: 3).assign(groups)
        var trainCount = 0
        var total = 0
        for g in groups {
            let n = g.labelCounts["a", default: 0]
            total += n
            if assignment[g.name] == .train { trainCount += n }
        }
        // Whole groups of 1–4 recordings move together, so the common species' train share can
        // miss 60 % by a group or two: 0.1 is about two groups of ~40 recordings of 'a'.
        XCTAssertEqual(Double(trainCount) / Double(total), 0.6, accuracy: 0.1)
    }

    func testSameSeedSameSplitDifferentSeedDifferentSplit() {
        let (groups, _) = makeGroups(seed: 1)
        let a = GroupedSplit(seed: 9).assign(groups)
        XCTAssertEqual(a, GroupedSplit(seed: 9).assign(groups.reversed()))
        XCTAssertNotEqual(a, GroupedSplit(seed: 10).assign(groups))
    }

    func testKFoldUsesEveryFoldAndNeverSplitsAGroup() {
        let (groups, _) = makeGroups(seed: 5)
        let folds = GroupedSplit(seed: 5).folds(groups, count: 5)
        XCTAssertEqual(Set(folds.values), Set(0..<5))
        XCTAssertEqual(folds.count, groups.count)
    }

    func testSplitFileRoundTrip() throws {
        let folder = FixtureFiles.folder(with: [])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = SplitFile(rows: [
            .init(recording: folder.path + "/a, b.wav", group: "G1", split: .train),
            .init(recording: "/elsewhere/c.wav", group: "G2", split: .test),
        ])
        let path = folder.appendingPathComponent("split.csv").path
        try file.write(to: path, relativeTo: folder.path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "recording,group,split\n\"a, b.wav\",G1,train\n/elsewhere/c.wav,G2,test\n")
        XCTAssertEqual(try SplitFile.read(path: path, relativeTo: folder.path), file)
    }

    /// The assignment must not depend on a dictionary's iteration order, which Swift randomises
    /// per process: the same label counts stored in dictionaries of other capacities and
    /// insertion orders (other iteration orders) give the same split: the per-label needs are
    /// floating-point sums, so their order must be fixed.
    func testAssignmentIgnoresDictionaryOrder() {
        let labels = (0..<6).map { "species_\($0)" }
        let counts: [[(String, Int)]] = (0..<150).map { g in
            // 2–4 labels per group with uneven counts: sums of fractions, where order matters.
            (0..<(2 + g % 3)).map { k in (labels[(g * 7 + k * 5) % 6], 1 + (g * 13 + k * 29) % 17) }
        }
        func groups(reversed: Bool, capacity: Int) -> [GroupedSplit.Group] {
            counts.enumerated().map { g, pairs in
                var dictionary = [String: Int](minimumCapacity: capacity)
                for (label, count) in reversed ? pairs.reversed() : pairs { dictionary[label, default: 0] += count }
                return GroupedSplit.Group(name: String(format: "g%03d", g), labelCounts: dictionary)
            }
        }
        let splitter = GroupedSplit(validationFraction: 0.2, testFraction: 0.2, seed: 42)
        let reference = splitter.assign(groups(reversed: false, capacity: 0))
        for capacity in [0, 8, 64, 1024] {
            XCTAssertEqual(splitter.assign(groups(reversed: true, capacity: capacity)), reference, "capacity \(capacity)")
            XCTAssertEqual(splitter.assign(groups(reversed: false, capacity: capacity)), reference, "capacity \(capacity)")
        }
    }
}
