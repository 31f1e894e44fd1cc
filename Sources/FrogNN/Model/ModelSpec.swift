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

/// One layer of a `ModelSpec`, with the fields its type reads.
///
/// In JSON a layer is `{"type": …}` plus those fields (`LayerSpec+Coding.swift`). An optional
/// field left nil takes the default `ModelBuilder` gives it (named below) and is left out when
/// the spec is written again, so a spec reads and writes back unchanged.
public enum LayerSpec: Equatable, Sendable {
    /// `conv2d`: `filters` output channels, square `kernel` (3), `stride` (1), `padding`
    /// (same), `bias` (true).
    case conv2D(filters: Int, kernel: Int? = nil, stride: Int? = nil, padding: PaddingSpec? = nil, bias: Bool? = nil)
    /// `maxpool`: a square window of `size` (2), or `pool` [height, width], which overrides it
    /// ([2, 1] pools frequency only, as in a CRNN); `stride` defaults to the window.
    case maxPool(size: Int? = nil, pool: [Int]? = nil, stride: Int? = nil)
    /// `avgpool`: as `maxPool`, averaging.
    case avgPool(size: Int? = nil, pool: [Int]? = nil, stride: Int? = nil)
    /// `global_avg_pool`: the mean over every axis after the first.
    case globalAvgPool
    /// `global_max_pool`: the maximum over every axis after the first.
    case globalMaxPool
    /// `batchnorm`: running-average `momentum` (0.1), `epsilon` (1e-5).
    case batchNorm(momentum: Float? = nil, epsilon: Float? = nil)
    /// `layernorm` over the last axis: `epsilon` (1e-5).
    case layerNorm(epsilon: Float? = nil)
    /// `dropout`: drop probability `rate` (0.5).
    case dropout(rate: Float? = nil)
    /// `dense`: `units` output features, `bias` (true).
    case dense(units: Int, bias: Bool? = nil)
    /// `flatten`: every axis after the batch into one.
    case flatten
    /// `reshape`: the target `shape` without batch (one entry may be −1).
    case reshape(shape: [Int])
    /// `permute`: the new `order` of the non-batch axes (0-based); `merge` (false) merges the
    /// axes after the first output axis into one.
    case permute(order: [Int], merge: Bool? = nil)
    /// `image_to_sequence`: [c, h, w] → [w, c·h], each column (frame) one time step.
    case imageToSequence
    /// `relu`.
    case relu
    /// `leaky_relu`: negative `slope` (0.01).
    case leakyReLU(slope: Float? = nil)
    /// `elu`: `alpha` (1).
    case elu(alpha: Float? = nil)
    /// `tanh`.
    case tanh
    /// `sigmoid`.
    case sigmoid
    /// `softmax` over the last axis.
    case softmax
    /// `lstm`: `units` hidden size; `returnSequences` (true) outputs every step, else only the
    /// final state.
    case lstm(units: Int, returnSequences: Bool? = nil)
    /// `gru`: as `lstm`.
    case gru(units: Int, returnSequences: Bool? = nil)
    /// `bidirectional`: a `cell` (lstm) each way, `units` per direction, `returnSequences` (true).
    case bidirectional(cell: RecurrentCell? = nil, units: Int, returnSequences: Bool? = nil)
    /// `sequence_pool`: over time by `mode` (mean).
    case sequencePool(mode: SequencePoolMode? = nil)

    /// The layer types, by the names specs give them.
    public enum Kind: String, CaseIterable, Sendable {
        case conv2D = "conv2d", maxPool = "maxpool", avgPool = "avgpool"
        case globalAvgPool = "global_avg_pool", globalMaxPool = "global_max_pool"
        case batchNorm = "batchnorm", layerNorm = "layernorm", dropout, dense, flatten, reshape, permute
        case imageToSequence = "image_to_sequence", relu, leakyReLU = "leaky_relu", elu, tanh, sigmoid, softmax
        case lstm, gru, bidirectional, sequencePool = "sequence_pool"
    }

    /// This layer's type.
    public var kind: Kind {
        switch self {
        case .conv2D: .conv2D
        case .maxPool: .maxPool
        case .avgPool: .avgPool
        case .globalAvgPool: .globalAvgPool
        case .globalMaxPool: .globalMaxPool
        case .batchNorm: .batchNorm
        case .layerNorm: .layerNorm
        case .dropout: .dropout
        case .dense: .dense
        case .flatten: .flatten
        case .reshape: .reshape
        case .permute: .permute
        case .imageToSequence: .imageToSequence
        case .relu: .relu
        case .leakyReLU: .leakyReLU
        case .elu: .elu
        case .tanh: .tanh
        case .sigmoid: .sigmoid
        case .softmax: .softmax
        case .lstm: .lstm
        case .gru: .gru
        case .bidirectional: .bidirectional
        case .sequencePool: .sequencePool
        }
    }

    /// The type's name in a spec (`conv2d`, `global_avg_pool` …).
    public var type: String { kind.rawValue }
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
