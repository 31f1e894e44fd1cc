/// Builds a `Sequential` from a `ModelSpec`: one switch over the layer types (add new types
/// here), checking shapes as it goes so a bad spec fails with a message instead of a crash.
public enum ModelBuilder {
    /// The model with seeded initial weights; the same spec and seed give the same weights.
    /// A `batchnorm` directly followed by `relu` is fused into one pass (the ReLU stays in the
    /// layer list as a pass-through, so parameter names do not change). `fusesConvBlocks`: see
    /// `Sequential.init`.
    public static func build(_ spec: ModelSpec, seed: UInt64, fusesConvBlocks: Bool = true) throws -> Sequential {
        guard let initializer = Initializer(rawValue: spec.initializer ?? "he") else {
            throw FrogNNError.invalidSpec("initializer must be he, glorot or pytorch, not \(spec.initializer!)")
        }
        guard !spec.input.isEmpty, spec.input.allSatisfy({ $0 > 0 }) else {
            throw FrogNNError.invalidSpec("input shape \(spec.input) must be positive sizes")
        }
        var generator = SeededRNG(seed: seed)
        var layers: [Layer] = []
        var shape = spec.input
        for (index, layerSpec) in spec.layers.enumerated() {
            let next = index + 1 < spec.layers.count ? spec.layers[index + 1].type : nil
            var layerGenerator = generator.split()
            let layer = try makeLayer(
                layerSpec, inputShape: shape, initializer: initializer, generator: &layerGenerator,
                nextType: next, previous: layers.last, position: index)
            shape = layer.outputShape(for: shape)
            layers.append(layer)
        }
        if let first = layers.first as? Conv2D { first.computesInputGradient = false }
        return Sequential(layers: layers, spec: spec, fusesConvBlocks: fusesConvBlocks)
    }

    private static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw FrogNNError.invalidSpec(message()) }
    }

    private static func makeLayer(
        _ spec: LayerSpec, inputShape shape: [Int], initializer: Initializer,
        generator: inout SeededRNG, nextType: String?, previous: Layer?, position: Int
    ) throws -> Layer {
        let at = "layer \(position) (\(spec.type)) with input \(shape)"
        switch spec.type {
        case "conv2d":
            try require(shape.count == 3, "\(at): conv2d needs [channels, height, width]")
            guard let filters = spec.filters, filters > 0 else { throw FrogNNError.invalidSpec("\(at): needs filters") }
            let kernel = spec.kernel ?? 3, stride = spec.stride ?? 1
            let padding = (spec.padding ?? .same).amount(kernelSize: kernel)
            try require(kernel >= 1 && stride >= 1 && padding >= 0, "\(at): invalid kernel/stride/padding")
            try require(shape[1] + 2 * padding >= kernel && shape[2] + 2 * padding >= kernel, "\(at): kernel larger than input")
            let conv = Conv2D(
                inputChannels: shape[0], outputChannels: filters, kernelSize: kernel, stride: stride,
                padding: padding, useBias: spec.bias ?? true)
            initializer.initialize(weight: conv.weight, bias: conv.bias, generator: &generator)
            return conv
        case "maxpool", "avgpool":
            try require(shape.count == 3, "\(at): pooling needs [channels, height, width]")
            let size = spec.pool ?? [spec.size ?? 2, spec.size ?? 2]
            try require(size.count == 2 && size.allSatisfy { $0 >= 1 }, "\(at): pool must be [height, width] ≥ 1, not \(size)")
            try require((spec.stride ?? 1) >= 1, "\(at): pool stride must be ≥ 1")
            try require(shape[1] >= size[0] && shape[2] >= size[1], "\(at): pool \(size) does not fit")
            let window = PoolWindow(
                height: size[0], width: size[1], strideHeight: spec.stride, strideWidth: spec.stride)
            return spec.type == "maxpool" ? MaxPool2D(window: window) : AvgPool2D(window: window)
        case "global_avg_pool", "global_max_pool":
            try require(shape.count >= 2, "\(at): needs [channels, …]")
            return spec.type == "global_avg_pool" ? GlobalAveragePool() : GlobalMaxPool()
        case "batchnorm":
            return BatchNorm(
                features: shape[0], momentum: spec.momentum ?? 0.1, epsilon: spec.epsilon ?? 1e-5,
                fusedReLU: nextType == "relu")
        case "layernorm":
            return LayerNorm(features: shape.last!, epsilon: spec.epsilon ?? 1e-5)
        case "dropout":
            let rate = spec.rate ?? 0.5
            try require(rate >= 0 && rate < 1, "\(at): rate must be in [0, 1)")
            return Dropout(rate: rate, seed: generator.next())
        case "dense":
            guard let units = spec.units, units > 0 else { throw FrogNNError.invalidSpec("\(at): needs units") }
            let dense = Dense(inputFeatures: shape.last!, outputFeatures: units, useBias: spec.bias ?? true)
            initializer.initialize(weight: dense.weight, bias: dense.bias, generator: &generator)
            return dense
        case "flatten":
            return Flatten()
        case "reshape":
            guard let target = spec.shape else { throw FrogNNError.invalidSpec("\(at): needs shape") }
            let known = target.filter { $0 != -1 }.reduce(1, *)
            let total = shape.reduce(1, *)
            try require(
                target.filter { $0 == -1 }.count <= 1 && known > 0 && total % known == 0
                    && (target.contains(-1) || known == total), "\(at): cannot reshape to \(target)")
            return Reshape(shape: target)
        case "permute":
            guard let order = spec.order, order.sorted() == Array(0..<shape.count) else {
                throw FrogNNError.invalidSpec("\(at): order must permute 0..<\(shape.count)")
            }
            return Permute(order: order, mergeTrailing: spec.merge ?? false)
        case "image_to_sequence":
            try require(shape.count == 3, "\(at): needs [channels, height, width]")
            return Permute(order: [2, 0, 1], mergeTrailing: true)
        case "lstm", "gru", "bidirectional":
            try require(shape.count == 2, "\(at): needs [steps, features]")
            guard let units = spec.units, units > 0 else { throw FrogNNError.invalidSpec("\(at): needs units") }
            let sequences = spec.returnSequences ?? true
            switch spec.type {
            case "lstm":
                return LSTM(inputSize: shape[1], hiddenSize: units, returnSequences: sequences, rng: &generator)
            case "gru":
                return GRU(inputSize: shape[1], hiddenSize: units, returnSequences: sequences, rng: &generator)
            default:
                guard let cell = RecurrentCell(rawValue: spec.cell ?? "lstm") else {
                    throw FrogNNError.invalidSpec("\(at): cell must be lstm or gru, not \(spec.cell!)")
                }
                return Bidirectional(
                    cell: cell, inputSize: shape[1], hiddenSize: units, returnSequences: sequences, rng: &generator)
            }
        case "sequence_pool":
            try require(shape.count == 2, "\(at): needs [steps, features]")
            guard let mode = SequencePoolMode(rawValue: spec.mode ?? "mean") else {
                throw FrogNNError.invalidSpec("\(at): mode must be mean, max or last, not \(spec.mode!)")
            }
            return SequencePool(mode: mode)
        case "relu":
            if let norm = previous as? BatchNorm, norm.fusedReLU { return FusedActivation(kind: "ReLU") }
            return Activation(.relu)
        case "leaky_relu": return Activation(.leakyReLU(slope: spec.slope ?? 0.01))
        case "elu": return Activation(.elu(alpha: spec.alpha ?? 1))
        case "tanh": return Activation(.tanh)
        case "sigmoid": return Activation(.sigmoid)
        case "softmax": return Softmax()
        default:
            throw FrogNNError.invalidSpec("\(at): unknown layer type '\(spec.type)'")
        }
    }
}

/// An activation already applied by the previous layer's fused kernel: it keeps its place in
/// the layer list (and in summaries) but passes values and gradients through unchanged.
public final class FusedActivation: Layer {
    public let kind: String

    public init(kind: String) {
        self.kind = kind
    }

    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }
    public func forward(_ input: Tensor, training: Bool) -> Tensor { input }
    public func backward(_ gradOutput: Tensor) -> Tensor { gradOutput }
}
