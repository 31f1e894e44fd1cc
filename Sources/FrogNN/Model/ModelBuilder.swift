/// Builds a `Sequential` from a `ModelSpec`: one switch over the layer types (add new types
/// here), checking shapes as it goes so a bad spec fails with a message instead of a crash.
public enum ModelBuilder {
    /// The model with seeded initial weights; the same spec and seed give the same weights.
    /// A `batchnorm` directly followed by `relu` is fused into one pass (the ReLU stays in the
    /// layer list as a pass-through, so parameter names do not change). `fusesConvBlocks`: see
    /// `Sequential.init`.
    public static func build(_ spec: ModelSpec, seed: UInt64, fusesConvBlocks: Bool = true) throws -> Sequential {
        let initializerName = spec.initializer ?? "he"
        guard let initializer = Initializer(rawValue: initializerName) else {
            throw FrogNNError.invalidSpec("initializer must be he, glorot or pytorch, not \(initializerName)")
        }
        guard !spec.input.isEmpty, spec.input.allSatisfy({ $0 > 0 }) else {
            throw FrogNNError.invalidSpec("input shape \(spec.input) must be positive sizes")
        }
        var generator = SeededRNG(seed: seed)
        var layers: [Layer] = []
        var shape = spec.input
        for (index, layerSpec) in spec.layers.enumerated() {
            let next = index + 1 < spec.layers.count ? spec.layers[index + 1] : nil
            var layerGenerator = generator.split()
            let layer = try makeLayer(
                layerSpec, inputShape: shape, initializer: initializer, generator: &layerGenerator,
                next: next, previous: layers.last, position: index)
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
        generator: inout SeededRNG, next: LayerSpec?, previous: Layer?, position: Int
    ) throws -> Layer {
        let at = "layer \(position) (\(spec.type)) with input \(shape)"
        // Only a reshape to [] leaves no axis; the layers that read one say so instead of crashing.
        func axis(_ value: Int?) throws -> Int {
            guard let value else { throw FrogNNError.invalidSpec("\(at): needs at least one axis") }
            return value
        }
        switch spec {
        case let .conv2D(filters, kernel, stride, padding, bias):
            try require(shape.count == 3, "\(at): conv2d needs [channels, height, width]")
            try require(filters > 0, "\(at): needs filters")
            let kernel = kernel ?? 3, stride = stride ?? 1
            let padding = (padding ?? .same).amount(kernelSize: kernel)
            try require(kernel >= 1 && stride >= 1 && padding >= 0, "\(at): invalid kernel/stride/padding")
            try require(shape[1] + 2 * padding >= kernel && shape[2] + 2 * padding >= kernel, "\(at): kernel larger than input")
            let conv = Conv2D(
                inputChannels: shape[0], outputChannels: filters, kernelSize: kernel, stride: stride,
                padding: padding, useBias: bias ?? true)
            initializer.initialize(weight: conv.weight, bias: conv.bias, generator: &generator)
            return conv
        case let .maxPool(size, pool, stride), let .avgPool(size, pool, stride):
            try require(shape.count == 3, "\(at): pooling needs [channels, height, width]")
            let window = pool ?? [size ?? 2, size ?? 2]
            try require(window.count == 2 && window.allSatisfy { $0 >= 1 }, "\(at): pool must be [height, width] ≥ 1, not \(window)")
            try require((stride ?? 1) >= 1, "\(at): pool stride must be ≥ 1")
            try require(shape[1] >= window[0] && shape[2] >= window[1], "\(at): pool \(window) does not fit")
            let poolWindow = PoolWindow(height: window[0], width: window[1], strideHeight: stride, strideWidth: stride)
            if case .maxPool = spec { return MaxPool2D(window: poolWindow) }
            return AvgPool2D(window: poolWindow)
        case .globalAvgPool, .globalMaxPool:
            try require(shape.count >= 2, "\(at): needs [channels, …]")
            return spec == .globalAvgPool ? GlobalAveragePool() : GlobalMaxPool()
        case let .batchNorm(momentum, epsilon):
            return BatchNorm(
                features: try axis(shape.first), momentum: momentum ?? 0.1, epsilon: epsilon ?? 1e-5,
                fusedReLU: next == .relu)
        case let .layerNorm(epsilon):
            return LayerNorm(features: try axis(shape.last), epsilon: epsilon ?? 1e-5)
        case let .dropout(rate):
            let rate = rate ?? 0.5
            try require(rate >= 0 && rate < 1, "\(at): rate must be in [0, 1)")
            return Dropout(rate: rate, seed: generator.next())
        case let .dense(units, bias):
            try require(units > 0, "\(at): needs units")
            let dense = Dense(inputFeatures: try axis(shape.last), outputFeatures: units, useBias: bias ?? true)
            initializer.initialize(weight: dense.weight, bias: dense.bias, generator: &generator)
            return dense
        case .flatten:
            return Flatten()
        case let .reshape(target):
            let known = target.filter { $0 != -1 }.reduce(1, *)
            let total = shape.reduce(1, *)
            try require(
                target.filter { $0 == -1 }.count <= 1 && known > 0 && total % known == 0
                    && (target.contains(-1) || known == total), "\(at): cannot reshape to \(target)")
            return Reshape(shape: target)
        case let .permute(order, merge):
            try require(order.sorted() == Array(0..<shape.count), "\(at): order must permute 0..<\(shape.count)")
            return Permute(order: order, mergeTrailing: merge ?? false)
        case .imageToSequence:
            try require(shape.count == 3, "\(at): needs [channels, height, width]")
            return Permute(order: [2, 0, 1], mergeTrailing: true)
        case let .lstm(units, returnSequences), let .gru(units, returnSequences):
            try require(shape.count == 2, "\(at): needs [steps, features]")
            try require(units > 0, "\(at): needs units")
            if case .lstm = spec {
                return LSTM(inputSize: shape[1], hiddenSize: units, returnSequences: returnSequences ?? true, rng: &generator)
            }
            return GRU(inputSize: shape[1], hiddenSize: units, returnSequences: returnSequences ?? true, rng: &generator)
        case let .bidirectional(cell, units, returnSequences):
            try require(shape.count == 2, "\(at): needs [steps, features]")
            try require(units > 0, "\(at): needs units")
            return Bidirectional(
                cell: cell ?? .lstm, inputSize: shape[1], hiddenSize: units, returnSequences: returnSequences ?? true,
                rng: &generator)
        case let .sequencePool(mode):
            try require(shape.count == 2, "\(at): needs [steps, features]")
            return SequencePool(mode: mode ?? .mean)
        case .relu:
            if let norm = previous as? BatchNorm, norm.fusedReLU { return FusedActivation(kind: "ReLU") }
            return Activation(.relu)
        case let .leakyReLU(slope): return Activation(.leakyReLU(slope: slope ?? 0.01))
        case let .elu(alpha): return Activation(.elu(alpha: alpha ?? 1))
        case .tanh: return Activation(.tanh)
        case .sigmoid: return Activation(.sigmoid)
        case .softmax: return Softmax()
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
