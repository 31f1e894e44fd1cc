/// A named tensor owned by a layer, with the gradient that `backward` accumulates into it.
///
/// Trainable parameters are updated by optimisers; buffers (such as BatchNorm running
/// statistics) are not, but are saved with the model all the same.
public final class Parameter {
    /// Name within its layer (`weight`, `bias`, `running_mean` …); models prefix the layer path.
    public let name: String
    /// The current value.
    public var value: Tensor
    /// d(loss)/d(value), accumulated (`+=`) by `backward`; zeroed by the caller between steps.
    public var grad: Tensor
    /// Whether optimisers update it (false for buffers).
    public let trainable: Bool

    public init(name: String, value: Tensor, trainable: Bool = true) {
        self.name = name
        self.value = value
        self.grad = Tensor(zeros: value.shape)
        self.trainable = trainable
    }
}
