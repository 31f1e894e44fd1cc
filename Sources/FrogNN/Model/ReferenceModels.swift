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
