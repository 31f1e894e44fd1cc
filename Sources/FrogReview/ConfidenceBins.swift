import Foundation

/// Confidence bins for stratified review: edges `e0 < e1 < … < en` make bins `[e0, e1)`, …,
/// `[en-1, en]` (the last one closed, so a confidence of 1 has a bin). Confidences below `e0`
/// or above `en` are in no bin and are not sampled.
public struct ConfidenceBins: Equatable, Sendable {
    public let edges: [Double]

    /// The default: every detection from 0.5 up, in three bins.
    public static let standard = try! ConfidenceBins(edges: [0.5, 0.7, 0.9, 1.0])

    public init(edges: [Double]) throws {
        let text = edges.map { String($0) }.joined(separator: ",")
        guard edges.count >= 2, edges.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }),
            zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 })
        else { throw ReviewError.invalidBins(text) }
        self.edges = edges
    }

    /// Parses `0.5,0.7,0.9,1.0`.
    public static func parse(_ text: String) throws -> ConfidenceBins {
        let numbers = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.allSatisfy({ $0 != nil }) else { throw ReviewError.invalidBins(text) }
        do { return try ConfidenceBins(edges: numbers.map { $0! }) } catch { throw ReviewError.invalidBins(text) }
    }

    public var count: Int { edges.count - 1 }

    /// The bin holding `confidence`, nil outside the edges.
    public func index(of confidence: Double) -> Int? {
        guard let first = edges.first, let last = edges.last, confidence >= first, confidence <= last else { return nil }
        if confidence == last { return count - 1 }
        return edges.lastIndex { $0 <= confidence }
    }

    /// `0.70-0.90`: the bin's name in tables and reports.
    public func label(_ index: Int) -> String {
        String(format: "%.2f-%.2f", edges[index], edges[index + 1])
    }

    /// The middle of a bin (where a chart puts it).
    public func middle(_ index: Int) -> Double { (edges[index] + edges[index + 1]) / 2 }
}
