/// A declarative model: the input shape (without batch) and an ordered list of layers, read
/// from the configs' JSON or YAML and stored in every model file, e.g.
///
///     { "input": [1, 64, 128],
///       "layers": [ {"type": "conv2d", "filters": 16, "kernel": 3, "padding": "same"},
///                   {"type": "batchnorm"}, {"type": "relu"}, {"type": "maxpool", "size": 2},
///                   {"type": "global_avg_pool"}, {"type": "dense", "units": 5} ] }
public struct ModelSpec: Codable, Equatable, Sendable {
    /// Input shape without the batch axis: [c, h, w] for images, [t, f] for sequences.
    public var input: [Int]
    public var layers: [LayerSpec]
    /// Weight initialisation: "he" (default), "glorot" or "pytorch"; see `Initializer`.
    public var initializer: String?

    public init(input: [Int], layers: [LayerSpec], initializer: String? = nil) {
        self.input = input
        self.layers = layers
        self.initializer = initializer
    }
}

/// One layer of a `ModelSpec`: a `type` plus the optional fields that type uses (see
/// `ModelBuilder` for which type reads which field and their defaults).
public struct LayerSpec: Codable, Equatable, Sendable {
    /// conv2d, maxpool, avgpool, global_avg_pool, global_max_pool, batchnorm, dropout, dense,
    /// flatten, reshape, permute, image_to_sequence, relu, leaky_relu, elu, tanh, sigmoid,
    /// softmax, layernorm, lstm, gru, bidirectional, sequence_pool.
    public var type: String
    /// conv2d: output channels.
    public var filters: Int?
    /// conv2d: square kernel size (default 3).
    public var kernel: Int?
    /// conv2d / pools: stride (conv default 1, pool default = size).
    public var stride: Int?
    /// conv2d: "same" (default), "valid" or a number of zeros per side.
    public var padding: PaddingSpec?
    /// conv2d / dense: whether to add a bias (default true).
    public var bias: Bool?
    /// maxpool / avgpool: square window size (default 2).
    public var size: Int?
    /// maxpool / avgpool: rectangular window [height, width], overriding `size`; [2, 1] pools
    /// frequency only (CRNN). The stride defaults to the window.
    public var pool: [Int]?
    /// dense: output features; lstm / gru / bidirectional: hidden size (per direction).
    public var units: Int?
    /// bidirectional: "lstm" (default) or "gru".
    public var cell: String?
    /// lstm / gru / bidirectional: output every step (default true) or only the final state.
    public var returnSequences: Bool?
    /// sequence_pool: "mean" (default), "max" or "last".
    public var mode: String?
    /// dropout: drop probability.
    public var rate: Float?
    /// batchnorm: running-average momentum (default 0.1).
    public var momentum: Float?
    /// batchnorm / layernorm: ε (default 1e-5).
    public var epsilon: Float?
    /// leaky_relu: negative slope (default 0.01).
    public var slope: Float?
    /// elu: α (default 1).
    public var alpha: Float?
    /// reshape: target shape without batch (one entry may be −1).
    public var shape: [Int]?
    /// permute: new order of the non-batch axes (0-based).
    public var order: [Int]?
    /// permute: merge axes after the first output axis into one.
    public var merge: Bool?

    public init(type: String) {
        self.type = type
    }
}

/// Convolution padding in a spec: a keyword or an explicit count per side.
public enum PaddingSpec: Codable, Equatable, Sendable {
    /// Keeps the spatial size at stride 1 ((kernel − 1)/2 per side, odd kernels).
    case same
    /// No padding.
    case valid
    case explicit(Int)

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let count = try? container.decode(Int.self) {
            self = .explicit(count)
            return
        }
        switch try container.decode(String.self) {
        case "same": self = .same
        case "valid": self = .valid
        case let other:
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "padding must be \"same\", \"valid\" or a number, not \"\(other)\"")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .same: try container.encode("same")
        case .valid: try container.encode("valid")
        case .explicit(let count): try container.encode(count)
        }
    }

    /// Zeros per side for a kernel of this size.
    public func amount(kernelSize: Int) -> Int {
        switch self {
        case .same: (kernelSize - 1) / 2
        case .valid: 0
        case .explicit(let count): count
        }
    }
}
