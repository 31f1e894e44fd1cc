import Foundation
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
            layers.append(LayerSpec(type: "image_to_sequence"))
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
            var conv = LayerSpec(type: "conv2d")
            conv.filters = model.filters(block: block)
            conv.kernel = model.kernelSize(block: block)
            conv.padding = .same
            // BatchNorm's shift makes a conv bias redundant.
            conv.bias = !model.batchNorm
            layers.append(conv)
            if model.batchNorm { layers.append(LayerSpec(type: "batchnorm")) }
            layers.append(activation(model.convActivation))
            shape[0] = conv.filters!
            guard model.isPooled(block: block), shape[1] >= model.pool else { continue }
            if frequencyOnly {
                var pool = LayerSpec(type: "maxpool")
                pool.pool = [model.pool, 1]
                layers.append(pool)
                shape[1] /= model.pool
            } else if shape[2] >= model.pool {
                var pool = LayerSpec(type: "maxpool")
                pool.size = model.pool
                layers.append(pool)
                shape[1] /= model.pool
                shape[2] /= model.pool
            }
        }
        return layers
    }

    /// The pooling from the last feature map (`shape`, [c, h, w]) to one vector.
    private static func globalPool(_ pool: RunConfig.ModelSection.GlobalPool, shape: [Int]) -> [LayerSpec] {
        switch pool {
        case .avg: return [LayerSpec(type: "global_avg_pool")]
        case .max: return [LayerSpec(type: "global_max_pool")]
        case .avgTime, .maxTime:
            var layer = LayerSpec(type: pool == .avgTime ? "avgpool" : "maxpool")
            layer.pool = [1, shape[2]]
            return [layer, LayerSpec(type: "flatten")]
        }
    }

    private static func recurrent(_ model: RunConfig.ModelSection, inputFeatures: Int) -> [LayerSpec] {
        var layers: [LayerSpec] = []
        for _ in 0..<model.rnnLayers {
            layers.append(spec([
                "type": model.bidirectional ? "bidirectional" : model.rnn.rawValue,
                "cell": model.rnn.rawValue, "units": model.hiddenSize,
            ]))
        }
        layers.append(spec(["type": "sequence_pool", "mode": model.timePooling.rawValue]))
        return layers
    }

    /// A layer spec from its JSON fields, exactly as a model file stores it.
    private static func spec(_ fields: [String: Any]) -> LayerSpec {
        // The fields are plain strings and integers, so encoding and decoding cannot fail.
        let data = try! JSONSerialization.data(withJSONObject: fields)
        return try! JSONDecoder().decode(LayerSpec.self, from: data)
    }

    private static func head(_ model: RunConfig.ModelSection, classCount: Int) -> [LayerSpec] {
        var layers: [LayerSpec] = []
        if model.dropout > 0 {
            var dropout = LayerSpec(type: "dropout")
            dropout.rate = Float(model.dropout)
            layers.append(dropout)
        }
        for units in model.denseUnits {
            var dense = LayerSpec(type: "dense")
            dense.units = units
            layers += [dense, activation(model.denseActivation)]
        }
        var output = LayerSpec(type: "dense")
        output.units = classCount
        layers.append(output)
        return layers
    }

    private static func activation(_ activation: RunConfig.ModelSection.Activation) -> LayerSpec {
        LayerSpec(type: activation.rawValue)
    }
}
