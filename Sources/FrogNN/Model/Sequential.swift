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
        let planned = fusesConvBlocks ? Self.fusedStages(layers) : layers.map { (Stage.single($0), 1) }
        stages = planned.map(\.stage)
        var end = 0
        stageEnds = planned.map { end += $0.layerCount; return end }
    }

    /// The first `frozenLayerCount` layers are frozen: in training they run in inference mode
    /// (BatchNorm normalises with, and does not update, its running statistics; dropout is
    /// off), and `backward` stops where they begin, so their parameters get no gradient.
    /// 0 (the default) trains every layer. A fused conv block counts as frozen only when all
    /// its layers are.
    ///
    /// With frozen layers, `backward` returns zeros of the input's shape: the gradient does
    /// not reach the input through them.
    public var frozenLayerCount = 0 {
        didSet { precondition((0...layers.count).contains(frozenLayerCount), "frozenLayerCount out of range") }
    }

    /// Where each stage ends in `layers`: stage i covers `stageEnds[i-1]..<stageEnds[i]`.
    private let stageEnds: [Int]
    /// Input shape of the last forward, for the zero gradient `backward` returns past frozen layers.
    private var lastInputShape: [Int] = []

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

    /// The stages, each with how many of `layers` it runs.
    private static func fusedStages(_ layers: [Layer]) -> [(stage: Stage, layerCount: Int)] {
        var stages: [(stage: Stage, layerCount: Int)] = []
        var i = 0
        while i < layers.count {
            if let conv = layers[i] as? Conv2D, i + 1 < layers.count, let norm = layers[i + 1] as? BatchNorm,
                norm.features == conv.outputChannels
            {
                var next = i + 2
                if norm.fusedReLU, next < layers.count, layers[next] is FusedActivation { next += 1 }
                let pool = next < layers.count ? layers[next] as? MaxPool2D : nil
                if pool != nil { next += 1 }
                stages.append((.block(ConvBlock(conv: conv, norm: norm, pool: pool)), next - i))
                i = next
            } else {
                stages.append((.single(layers[i]), 1))
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

    /// When set, every stage's forward and backward time is added to it (profiling only: it
    /// reads the clock twice per stage).
    public var profile: StageProfile? {
        didSet { profile?.prepare(names: stageNames) }
    }

    /// `layers.i Kind` per stage; a fused block names the layers it runs.
    public var stageNames: [String] {
        stages.indices.map { index in
            let start = index == 0 ? 0 : stageEnds[index - 1], end = stageEnds[index]
            switch stages[index] {
            case .single(let layer): return "layers.\(start) \(layer.kind)"
            case .block:
                let kinds = layers[start..<end].map(\.kind).joined(separator: " → ")
                return "layers.\(start)–\(end - 1) \(kinds) (fused)"
            }
        }
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        lastInputShape = input.shape
        var x = input
        for index in stages.indices {
            let mode = training && stageEnds[index] > frozenLayerCount
            if let profile {
                x = profile.time(index, backward: false) { [x] in forward(stage: index, x, training: mode) }
            } else {
                x = forward(stage: index, x, training: mode)
            }
        }
        return x
    }

    public func backward(_ gradOutput: Tensor) -> Tensor {
        var grad = gradOutput
        for index in stages.indices.reversed() {
            // Frozen stages ran in inference mode and keep no caches: stop here.
            if stageEnds[index] <= frozenLayerCount { return Tensor(zeros: lastInputShape) }
            if let profile {
                grad = profile.time(index, backward: true) { [grad] in backward(stage: index, grad) }
            } else {
                grad = backward(stage: index, grad)
            }
        }
        return grad
    }

    private func forward(stage index: Int, _ x: Tensor, training: Bool) -> Tensor {
        switch stages[index] {
        case .single(let layer): return layer.forward(x, training: training)
        case .block(let block): return block.forward(x, training: training)
        }
    }

    private func backward(stage index: Int, _ grad: Tensor) -> Tensor {
        switch stages[index] {
        case .single(let layer): return layer.backward(grad)
        case .block(let block): return block.backward(grad)
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
