import Foundation
import FrogConfig
import FrogNN

/// Logits to per-class probabilities: softmax rows for a softmax head, element-wise sigmoid
/// for a sigmoid head. The network itself outputs logits, since the losses take logits.
public enum Probabilities {
    /// `[n][classes]` probabilities from `[n, classes]` logits.
    public static func rows(logits: Tensor, head: RunConfig.ModelSection.Head) -> [[Float]] {
        let n = logits.shape.first ?? 0
        let classes = n > 0 ? logits.count / n : 0
        return (0..<n).map { row in
            let values = logits.data[row * classes..<(row + 1) * classes]
            switch head {
            case .sigmoid:
                return values.map { $0 >= 0 ? 1 / (1 + expf(-$0)) : expf($0) / (1 + expf($0)) }
            case .softmax:
                // Subtracting the maximum keeps expf in range.
                let largest = values.max() ?? 0
                let exps = values.map { expf($0 - largest) }
                let sum = exps.reduce(0, +)
                return exps.map { $0 / sum }
            }
        }
    }
}
