import FrogConfig
import FrogNN

/// Turns the `model:` section into a FrogNN `ModelSpec` (the layer list saved in model files).
///
/// The network outputs logits; softmax or sigmoid is applied by the loss in training and by
/// `ModelBundle.scores` in inference.
/// - cnn: blocks of conv ('same') → [batchnorm] → activation → [max-pool], global pooling,
///   dropout, dense layers, output layer.
/// - birnn: stacked (bi)directional LSTM/GRU over frames, pooling over time, dropout, dense.
/// - crnn: cnn blocks whose pooling shrinks only frequency, then each frame's channels × bins
///   as one step of a (bi)directional RNN, pooling over time, dropout, dense.
public enum ModelFactory {
    /// The spec for inputs of `inputShape` (without batch: `[1, bins, frames]` or
    /// `[frames, bins]`) and `classCount` outputs.
    public static func spec(for model: RunConfig.ModelSection, inputShape: [Int], classCount: Int) -> ModelSpec {
        var layers: [LayerSpec] = []
        var shape = inputShape
        switch model.family {
        case .cnn:
            layers += convBlocks(model, shape: &shape, frequencyOnly: false)
            layers += globalPool(model.globalPool, shape: shape)
        case .birnn:
            layers += recurrent(model, inputFeatures: shape[1])
        case .crnn:
            layers += convBlocks(model, shape: &shape, frequencyOnly: true)
            layers.append(.imageToSequence)
            layers += recurrent(model, inputFeatures: shape[0] * shape[1])
        }
        layers += head(model, classCount: classCount)
        return ModelSpec(input: inputShape, layers: layers)
    }

    /// Builds the network with seeded initial weights.
    public static func network(
        config model: RunConfig.ModelSection, inputShape: [Int], classCount: Int, seed: UInt64
    ) throws -> Sequential {
        try ModelBuilder.build(spec(for: model, inputShape: inputShape, classCount: classCount), seed: seed)
    }

    // MARK: - Parts

    /// Convolution blocks; `shape` ([c, h, w]) is updated to the blocks' output.
    private static func convBlocks(
        _ model: RunConfig.ModelSection, shape: inout [Int], frequencyOnly: Bool
    ) -> [LayerSpec] {
        var layers: [LayerSpec] = []
        for block in 0..<model.convLayers {
            let filters = model.filters(block: block)
            // BatchNorm's shift makes a conv bias redundant.
            layers.append(
                .conv2D(filters: filters, kernel: model.kernelSize(block: block), padding: .same, bias: !model.batchNorm))
            if model.batchNorm { layers.append(.batchNorm()) }
            layers.append(activation(model.convActivation))
            shape[0] = filters
            guard model.isPooled(block: block), shape[1] >= model.pool else { continue }
            if frequencyOnly {
                layers.append(.maxPool(pool: [model.pool, 1]))
                shape[1] /= model.pool
            } else if shape[2] >= model.pool {
                layers.append(.maxPool(size: model.pool))
                shape[1] /= model.pool
                shape[2] /= model.pool
            }
        }
        return layers
    }

    /// The pooling from the last feature map (`shape`, [c, h, w]) to one vector.
    private static func globalPool(_ pool: RunConfig.ModelSection.GlobalPool, shape: [Int]) -> [LayerSpec] {
        switch pool {
        case .avg: [.globalAvgPool]
        case .max: [.globalMaxPool]
        case .avgTime: [.avgPool(pool: [1, shape[2]]), .flatten]
        case .maxTime: [.maxPool(pool: [1, shape[2]]), .flatten]
        }
    }

    private static func recurrent(_ model: RunConfig.ModelSection, inputFeatures: Int) -> [LayerSpec] {
        let cell: RecurrentCell = switch model.rnn {
        case .lstm: .lstm
        case .gru: .gru
        }
        let layer: LayerSpec =
            if model.bidirectional {
                .bidirectional(cell: cell, units: model.hiddenSize)
            } else {
                cell == .lstm ? .lstm(units: model.hiddenSize) : .gru(units: model.hiddenSize)
            }
        let mode: SequencePoolMode = switch model.timePooling {
        case .mean: .mean
        case .max: .max
        case .last: .last
        }
        return Array(repeating: layer, count: model.rnnLayers) + [.sequencePool(mode: mode)]
    }

    private static func head(_ model: RunConfig.ModelSection, classCount: Int) -> [LayerSpec] {
        var layers: [LayerSpec] = []
        if model.dropout > 0 { layers.append(.dropout(rate: Float(model.dropout))) }
        for units in model.denseUnits {
            layers += [.dense(units: units), activation(model.denseActivation)]
        }
        layers.append(.dense(units: classCount))
        return layers
    }

    private static func activation(_ activation: RunConfig.ModelSection.Activation) -> LayerSpec {
        switch activation {
        case .relu: .relu
        case .leaky_relu: .leakyReLU()
        case .elu: .elu()
        case .tanh: .tanh
        }
    }
}
