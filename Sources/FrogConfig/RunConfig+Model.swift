extension RunConfig {
    /// The network: a family and every knob a user tunes, each a named key
    /// (`--set model.kernel_sizes=[5,3]`). `ModelFactory` turns it into a FrogNN `ModelSpec`.
    public struct ModelSection: Equatable, Sendable, Codable {
        /// Which architecture.
        public enum Family: String, Codable, Sendable, CaseIterable {
            /// Convolution blocks over the (bins × frames) image, global pooling, dense head.
            case cnn
            /// Bidirectional recurrent layers over frames (each frame's bins a feature vector).
            case birnn
            /// Convolution blocks pooling only in frequency, then a bidirectional RNN over time.
            case crnn
        }
        /// Non-linearity after convolutions and hidden dense layers.
        public enum Activation: String, Codable, Sendable, CaseIterable {
            case relu, leaky_relu, elu, tanh
        }
        /// Pooling that turns the last feature map into one vector: over time and frequency
        /// (`avg`, `max`), or over time only (`avg_time`, `max_time`), where each frequency
        /// band keeps its own channels, so the head still sees where in pitch a call is.
        public enum GlobalPool: String, Codable, Sendable, CaseIterable {
            case avg, max
            case avgTime = "avg_time", maxTime = "max_time"
        }
        /// Recurrent cell.
        public enum Cell: String, Codable, Sendable, CaseIterable { case lstm, gru }
        /// How per-frame RNN outputs become one vector per window.
        public enum TimePooling: String, Codable, Sendable, CaseIterable { case mean, max, last }
        /// Output layer: one class per window (softmax), or independent yes/no per class
        /// (sigmoid; several species at once, and "no frog" when none fires).
        public enum Head: String, Codable, Sendable, CaseIterable { case softmax, sigmoid }

        public var family = Family.cnn
        /// Number of convolution blocks (cnn, crnn).
        public var convLayers = 4
        /// Filters per block; a shorter list repeats its last value.
        public var filters = [16, 32, 64, 64]
        /// Square kernel size per block; a shorter list repeats its last value.
        public var kernelSizes = [3]
        /// Max-pool size after a block (1 = no pooling). In crnn it pools frequency only.
        public var pool = 2
        /// How many of the first blocks are followed by pooling; -1 means all but the last.
        public var pooledBlocks = -1
        public var convActivation = Activation.relu
        public var batchNorm = true
        public var globalPool = GlobalPool.avg
        /// Dropout between the pooled features and the dense head (0 = off).
        public var dropout = 0.3
        /// Hidden dense layers before the output layer.
        public var denseUnits = [64]
        public var denseActivation = Activation.relu
        /// Recurrent cell (birnn, crnn).
        public var rnn = Cell.gru
        /// Hidden units per direction.
        public var hiddenSize = 64
        /// Stacked recurrent layers.
        public var rnnLayers = 1
        public var bidirectional = true
        public var timePooling = TimePooling.mean
        public var head = Head.softmax

        public init() {}

        /// The filters of block `index` (the list's last value repeats).
        public func filters(block index: Int) -> Int { filters[min(index, filters.count - 1)] }
        /// The kernel size of block `index` (the list's last value repeats).
        public func kernelSize(block index: Int) -> Int {
            kernelSizes[min(index, kernelSizes.count - 1)]
        }
        /// Whether block `index` is followed by pooling.
        public func isPooled(block index: Int) -> Bool {
            pool > 1 && index < (pooledBlocks < 0 ? convLayers - 1 : pooledBlocks)
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case family, filters, pool, dropout, rnn, bidirectional, head
            case convLayers = "conv_layers", kernelSizes = "kernel_sizes"
            case pooledBlocks = "pooled_blocks", convActivation = "conv_activation"
            case batchNorm = "batch_norm", globalPool = "global_pool"
            case denseUnits = "dense_units", denseActivation = "dense_activation"
            case hiddenSize = "hidden_size", rnnLayers = "rnn_layers"
            case timePooling = "time_pooling"
        }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            family = try c.choice(.family, default: family)
            convLayers = try c.value(.convLayers, default: convLayers)
            filters = try c.list(.filters, default: filters)
            kernelSizes = try c.list(.kernelSizes, default: kernelSizes)
            pool = try c.value(.pool, default: pool)
            pooledBlocks = try c.value(.pooledBlocks, default: pooledBlocks)
            convActivation = try c.choice(.convActivation, default: convActivation)
            batchNorm = try c.value(.batchNorm, default: batchNorm)
            globalPool = try c.choice(.globalPool, default: globalPool)
            dropout = try c.value(.dropout, default: dropout)
            denseUnits = try c.list(.denseUnits, default: denseUnits)
            denseActivation = try c.choice(.denseActivation, default: denseActivation)
            rnn = try c.choice(.rnn, default: rnn)
            hiddenSize = try c.value(.hiddenSize, default: hiddenSize)
            rnnLayers = try c.value(.rnnLayers, default: rnnLayers)
            bidirectional = try c.value(.bidirectional, default: bidirectional)
            timePooling = try c.choice(.timePooling, default: timePooling)
            head = try c.choice(.head, default: head)
        }
    }
}
