/// A differentiable building block with a hand-written forward and backward pass.
///
/// `forward` caches exactly what `backward` needs; `backward` receives d(loss)/d(output),
/// **adds** parameter gradients into `Parameter.grad` and returns d(loss)/d(input).
/// Shapes include the batch dimension first (N×C×H×W or N×T×F).
public protocol Layer: AnyObject {
    /// Short kind name for summaries, e.g. "Conv2D".
    var kind: String { get }
    /// Computes the output; `training` switches BatchNorm statistics, Dropout and the like.
    func forward(_ input: Tensor, training: Bool) -> Tensor
    /// Back-propagates d(loss)/d(output) of the last `forward`; returns d(loss)/d(input).
    func backward(_ gradOutput: Tensor) -> Tensor
    /// Trainable parameters, in a stable order.
    var parameters: [Parameter] { get }
    /// Non-trainable state saved with the model (running statistics); empty by default.
    var buffers: [Parameter] { get }
    /// The output shape for an input shape **without** the batch dimension.
    func outputShape(for inputShape: [Int]) -> [Int]
}

extension Layer {
    public var parameters: [Parameter] { [] }
    public var buffers: [Parameter] { [] }
}
