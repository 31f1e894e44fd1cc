import Foundation
import FrogData

extension Example {
    /// `recording@start` as written to predictions.csv.
    public var clipName: String { "\(recording)@\(String(format: "%.2f", startSeconds))" }

    /// Indices of the classes calling in the clip (targets ≥ 0.5).
    public var presentClasses: [Int] { targets.indices.filter { targets[$0] >= 0.5 } }
}
