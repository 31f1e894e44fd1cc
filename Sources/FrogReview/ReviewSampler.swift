import Foundation
import FrogCore
import FrogDetect
import FrogNN

/// Draws a stratified, seeded sample of detections for a person to verify: up to `perCell`
/// items from every species × confidence bin (× site, × night when asked); a cell with fewer
/// candidates gives all of them.
///
/// Each cell is shuffled with its own generator, seeded from `seed` and the cell's name, so one
/// cell's draw does not depend on which other cells exist, and the same seed over the same
/// detections always gives the same sample.
public struct ReviewSampler: Sendable {
    /// One stratum.
    public struct Cell: Hashable, Comparable, Sendable {
        public var species: String
        /// Index into the bins.
        public var bin: Int
        /// Site and night, when stratifying by them ("" otherwise; "unknown" when not known).
        public var site: String
        public var night: String

        public static func < (a: Cell, b: Cell) -> Bool {
            (a.species, a.bin, a.site, a.night) < (b.species, b.bin, b.site, b.night)
        }

        var name: String { "\(species)\t\(bin)\t\(site)\t\(night)" }
    }

    /// A drawn detection and its cell.
    public struct Item: Equatable, Sendable {
        public var candidate: ReviewCandidate
        public var cell: Cell
    }

    /// How many candidates a cell had and how many were drawn.
    public struct CellCount: Equatable, Sendable {
        public var cell: Cell
        public var available: Int
        public var drawn: Int
    }

    public var bins: ConfidenceBins
    public var perCell: Int
    public var seed: UInt64
    public var bySite = false
    public var byNight = false

    public init(bins: ConfidenceBins, perCell: Int, seed: UInt64, bySite: Bool = false, byNight: Bool = false) {
        self.bins = bins
        self.perCell = perCell
        self.seed = seed
        self.bySite = bySite
        self.byNight = byNight
    }

    /// The cell of a candidate; nil when its confidence is in no bin.
    public func cell(of candidate: ReviewCandidate) -> Cell? {
        let d = candidate.record.detection
        guard let bin = bins.index(of: Double(d.confidence)) else { return nil }
        return Cell(
            species: d.species, bin: bin,
            site: bySite ? (candidate.site.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown") : "",
            night: byNight ? (candidate.night ?? "unknown") : "")
    }

    /// The sample, in cell order and, within a cell, in output order (path, start, species,
    /// channel); with the count of every cell.
    public func sample(_ candidates: [ReviewCandidate]) -> (items: [Item], cells: [CellCount]) {
        var byCell: [Cell: [ReviewCandidate]] = [:]
        for candidate in candidates {
            if let cell = cell(of: candidate) { byCell[cell, default: []].append(candidate) }
        }
        var items: [Item] = []
        var counts: [CellCount] = []
        for cell in byCell.keys.sorted() {
            // Sorted first, so the input order of the detections does not matter.
            let members = byCell[cell]!.sorted { DetectionRecord.outputOrder($0.record, $1.record) }
            let cellHash = UInt64(ContentHash.of(Data(cell.name.utf8)), radix: 16) ?? 0
            var random = SeededRNG(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ cellHash)
            let drawn = members.shuffled(using: &random).prefix(max(0, perCell))
                .sorted { DetectionRecord.outputOrder($0.record, $1.record) }
            items += drawn.map { Item(candidate: $0, cell: cell) }
            counts.append(CellCount(cell: cell, available: members.count, drawn: drawn.count))
        }
        return (items, counts)
    }
}
