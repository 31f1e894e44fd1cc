/// Seeded weight initialisation for convolution and dense weights.
///
/// - `he` (default): He/Kaiming uniform for ReLU networks, U(±√(6/fan_in)); biases zero.
/// - `glorot`: Glorot/Xavier uniform, U(±√(6/(fan_in + fan_out))); biases zero.
/// - `pytorch`: PyTorch's `Conv2d`/`Linear` default, U(±1/√fan_in) for weights and biases.
public enum Initializer: String, Codable, Sendable {
    case he, glorot, pytorch

    /// Fills `weight` (fan_in = elements per output row, fan_out = rows × receptive field) and `bias`.
    public func initialize(weight: Parameter, bias: Parameter?, generator: inout SeededRNG) {
        let rows = weight.value.shape[0]
        let fanIn = weight.value.count / max(rows, 1)
        let receptive = weight.value.shape.dropFirst(2).reduce(1, *)
        let fanOut = rows * receptive
        let bound: Float
        switch self {
        case .he: bound = (6 / Float(fanIn)).squareRoot()
        case .glorot: bound = (6 / Float(fanIn + fanOut)).squareRoot()
        case .pytorch: bound = 1 / Float(fanIn).squareRoot()
        }
        for i in 0..<weight.value.count { weight.value.data[i] = generator.uniform(-bound, bound) }
        guard let bias else { return }
        let biasBound: Float = self == .pytorch ? 1 / Float(fanIn).squareRoot() : 0
        for i in 0..<bias.value.count {
            bias.value.data[i] = biasBound == 0 ? 0 : generator.uniform(-biasBound, biasBound)
        }
    }
}
