/// How window scores of one recording are combined into one recording-level score per class.
/// Recording-level evaluation is the honest measure for weakly labelled data (one label per
/// file): a recording counts once however many windows it has.
public enum RecordingPooling: String, Codable, Sendable, CaseIterable {
    /// Mean of the window scores.
    case mean
    /// Largest window score (a single strong call is enough).
    case max

    /// Window scores pooled per recording, single-label.
    ///
    /// - Parameters:
    ///   - truth: class per window.
    ///   - scores: `[windows][classes]`.
    ///   - recordings: recording id per window.
    /// - Returns: one row per recording in order of first appearance. A recording's true class
    ///   is the most common window label (ties → the lowest class index), which for weak labels
    ///   is simply the file's label.
    public func pool(truth: [Int], scores: [[Float]], recordings: [String]) -> PooledScores {
        precondition(truth.count == scores.count && scores.count == recordings.count,
                     "RecordingPooling: \(truth.count) labels, \(scores.count) score rows, \(recordings.count) recordings")
        let groups = RecordingPooling.group(recordings)
        var pooledTruth: [Int] = []
        var pooledScores: [[Float]] = []
        for members in groups.members {
            var votes: [Int: Int] = [:]
            for i in members { votes[truth[i], default: 0] += 1 }
            let top = votes.values.max() ?? 0
            pooledTruth.append(votes.filter { $0.value == top }.keys.min() ?? 0)
            pooledScores.append(combine(members.map { scores[$0] }))
        }
        return PooledScores(recordings: groups.ids, truth: pooledTruth, scores: pooledScores)
    }

    /// Window scores pooled per recording, multi-label: a class is present in a recording when
    /// it is present in any of its windows.
    public func pool(truth: [[Bool]], scores: [[Float]], recordings: [String]) -> PooledMultiLabelScores {
        precondition(truth.count == scores.count && scores.count == recordings.count,
                     "RecordingPooling: \(truth.count) label rows, \(scores.count) score rows, \(recordings.count) recordings")
        let groups = RecordingPooling.group(recordings)
        let pooledTruth = groups.members.map { members in
            members.dropFirst().reduce(truth[members[0]]) { present, i in zip(present, truth[i]).map { $0 || $1 } }
        }
        return PooledMultiLabelScores(
            recordings: groups.ids, truth: pooledTruth,
            scores: groups.members.map { members in combine(members.map { scores[$0] }) })
    }

    /// Combines window rows (all the same length) into one row.
    func combine(_ rows: [[Float]]) -> [Float] {
        var result = rows[0]
        for row in rows.dropFirst() {
            for c in result.indices {
                switch self {
                case .mean: result[c] += row[c]
                case .max: result[c] = Swift.max(result[c], row[c])
                }
            }
        }
        if self == .mean {
            let n = Float(rows.count)
            for c in result.indices { result[c] /= n }
        }
        return result
    }

    /// Recording ids in order of first appearance, and the window indices of each.
    static func group(_ recordings: [String]) -> (ids: [String], members: [[Int]]) {
        var position: [String: Int] = [:]
        var ids: [String] = []
        var members: [[Int]] = []
        for (i, id) in recordings.enumerated() {
            if let p = position[id] {
                members[p].append(i)
            } else {
                position[id] = ids.count
                ids.append(id)
                members.append([i])
            }
        }
        return (ids, members)
    }
}

/// Recording-level truth and scores for single-label data.
public struct PooledScores: Equatable, Sendable {
    public var recordings: [String]
    public var truth: [Int]
    /// `[recordings][classes]`.
    public var scores: [[Float]]
}

/// Recording-level truth and scores for multi-label data.
public struct PooledMultiLabelScores: Equatable, Sendable {
    public var recordings: [String]
    /// `[recordings][classes]`.
    public var truth: [[Bool]]
    /// `[recordings][classes]`.
    public var scores: [[Float]]
}
