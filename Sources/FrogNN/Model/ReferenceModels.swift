/// The reference architectures of DESIGN.md, as specs (used by `frogscan bench` and as defaults).
extension ModelSpec {
    /// The reference CNN: 4 conv blocks 3×3 "same" of 16/32/64/64 filters, each with BatchNorm +
    /// ReLU, MaxPool 2 after the first three; global average pool; Dropout 0.3; Dense 64 ReLU;
    /// Dense `classes`.
    public static func referenceCNN(input: [Int] = [1, 64, 128], classes: Int = 5) -> ModelSpec {
        var layers: [LayerSpec] = []
        for (index, filters) in [16, 32, 64, 64].enumerated() {
            var conv = LayerSpec(type: "conv2d")
            conv.filters = filters
            conv.kernel = 3
            conv.padding = .same
            layers += [conv, LayerSpec(type: "batchnorm"), LayerSpec(type: "relu")]
            if index < 3 {
                var pool = LayerSpec(type: "maxpool")
                pool.size = 2
                layers.append(pool)
            }
        }
        var dropout = LayerSpec(type: "dropout")
        dropout.rate = 0.3
        var hidden = LayerSpec(type: "dense")
        hidden.units = 64
        var output = LayerSpec(type: "dense")
        output.units = classes
        layers += [LayerSpec(type: "global_avg_pool"), dropout, hidden, LayerSpec(type: "relu"), output]
        return ModelSpec(input: input, layers: layers)
    }
}

extension ModelSpec {
    /// The reference CRNN of `../shared/peers/nn_torch.py`: 3 conv blocks 3×3 "same" of
    /// 16/32/64 filters with BatchNorm + ReLU and max-pooling over frequency only (2, 1), so
    /// [1, 64, 128] → [64, 8, 128]; time-major sequence [128, 64·8]; BiGRU 64 per direction
    /// (every step); per-frame Dense `classes` (multi-label logits [128, classes]).
    public static func referenceCRNN(input: [Int] = [1, 64, 128], classes: Int = 5) -> ModelSpec {
        var layers: [LayerSpec] = []
        for filters in [16, 32, 64] {
            var conv = LayerSpec(type: "conv2d")
            conv.filters = filters
            conv.kernel = 3
            conv.padding = .same
            var pool = LayerSpec(type: "maxpool")
            pool.pool = [2, 1]
            layers += [conv, LayerSpec(type: "batchnorm"), LayerSpec(type: "relu"), pool]
        }
        var recurrent = LayerSpec(type: "bidirectional")
        recurrent.cell = "gru"
        recurrent.units = 64
        recurrent.returnSequences = true
        var output = LayerSpec(type: "dense")
        output.units = classes
        layers += [LayerSpec(type: "image_to_sequence"), recurrent, output]
        return ModelSpec(input: input, layers: layers, initializer: "pytorch")
    }
}
