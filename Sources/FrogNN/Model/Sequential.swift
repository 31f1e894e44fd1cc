/// A stack of layers run in order: the model type of frogscan. Parameters are named by position,
/// PyTorch/tinygrad style (`layers.3.weight`, `layers.1.running_mean`), which is also how they
/// are stored in `.safetensors` files.
public final class Sequential: Layer {
    public let kind = "Sequential"
    public let layers: [Layer]
    /// The spec it was built from (saved in the model file), if any.
    public let spec: ModelSpec?

    /// With `fusesConvBlocks` (the default), each run of Conv2D → BatchNorm (→ its fused ReLU)
    /// (→ MaxPool2D) executes as one `ConvBlock` kernel: same parameters and results, a
    /// fraction of the memory traffic. The layer list, names and summaries do not change.
    public init(layers: [Layer], spec: ModelSpec? = nil, fusesConvBlocks: Bool = true) {
        self.layers = layers
        self.spec = spec
        stages = fusesConvBlocks ? Self.fusedStages(layers) : layers.map { .single($0) }
    }

    /// What forward and backward run: a layer on its own, or a fused conv block.
    private enum Stage {
        case single(Layer)
        case block(ConvBlock)
    }

    private let stages: [Stage]

    /// How many conv blocks run fused.
    public var fusedBlockCount: Int {
        stages.reduce(0) { count, stage in
            if case .block = stage { return count + 1 }
            return count
        }
    }

    private static func fusedStages(_ layers: [Layer]) -> [Stage] {
        var stages: [Stage] = []
        var i = 0
        while i < layers.count {
            if let conv = layers[i] as? Conv2D, i + 1 < layers.count, let norm = layers[i + 1] as? BatchNorm,
                norm.features == conv.outputChannels
            {
                var next = i + 2
                if norm.fusedReLU, next < layers.count, layers[next] is FusedActivation { next += 1 }
                let pool = next < layers.count ? layers[next] as? MaxPool2D : nil
                if pool != nil { next += 1 }
                stages.append(.block(ConvBlock(conv: conv, norm: norm, pool: pool)))
                i = next
            } else {
                stages.append(.single(layers[i]))
                i += 1
            }
        }
        return stages
    }

    /// Worker threads for the layers that can split their work (convolutions, pools, BatchNorm).
    public var threadCount: Int = 1 {
        didSet {
            for case let layer as ThreadedLayer in layers { layer.threadCount = threadCount }
            for case let child as Sequential in layers { child.threadCount = threadCount }
        }
    }

    public var parameters: [Parameter] { layers.flatMap(\.parameters) }
    public var buffers: [Parameter] { layers.flatMap(\.buffers) }

    /// Trainable parameters named `layers.<index>.<name>`.
    public var namedParameters: [NamedParameter] {
        layers.enumerated().flatMap { index, layer in
            Self.named(layer.parameters, layer: layer, prefix: "layers.\(index)", buffers: false)
        }
    }

    /// Buffers (running statistics) named `layers.<index>.<name>`.
    public var namedBuffers: [NamedParameter] {
        layers.enumerated().flatMap { index, layer in
            Self.named(layer.buffers, layer: layer, prefix: "layers.\(index)", buffers: true)
        }
    }

    private static func named(_ list: [Parameter], layer: Layer, prefix: String, buffers: Bool) -> [NamedParameter] {
        if let child = layer as? Sequential {
            let inner = buffers ? child.namedBuffers : child.namedParameters
            return inner.map { NamedParameter(name: "\(prefix).\($0.name)", parameter: $0.parameter) }
        }
        return list.map { NamedParameter(name: "\(prefix).\($0.name)", parameter: $0) }
    }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        layers.reduce(inputShape) { $1.outputShape(for: $0) }
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        stages.reduce(input) { x, stage in
            switch stage {
            case .single(let layer): layer.forward(x, training: training)
            case .block(let block): block.forward(x, training: training)
            }
        }
    }

    public func backward(_ gradOutput: Tensor) -> Tensor {
        stages.reversed().reduce(gradOutput) { grad, stage in
            switch stage {
            case .single(let layer): layer.backward(grad)
            case .block(let block): block.backward(grad)
            }
        }
    }

    /// Zeroes every parameter's gradient (backward accumulates).
    public func zeroGradients() {
        for p in parameters { p.grad.zero() }
    }

    /// Evaluation-mode outputs for many samples, run `batchSize` samples at a time so memory
    /// stays bounded. input: [n, …] → [n, …output].
    public func predict(_ input: Tensor, batchSize: Int = 64) -> Tensor {
        let n = input.shape[0]
        let perSample = input.count / max(n, 1)
        let outputShape = self.outputShape(for: Array(input.shape.dropFirst()))
        let outPerSample = outputShape.reduce(1, *)
        var result = Tensor(zeros: [n] + outputShape)
        var start = 0
        while start < n {
            let count = min(batchSize, n - start)
            let batch = Tensor(
                shape: [count] + input.shape.dropFirst(),
                data: Array(input.data[(start * perSample)..<((start + count) * perSample)]))
            let out = forward(batch, training: false)
            result.data.replaceSubrange(
                (start * outPerSample)..<((start + count) * outPerSample), with: out.data)
            start += count
        }
        return result
    }
}
