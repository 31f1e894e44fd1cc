/// The reference architectures of DESIGN.md, as specs (used by `frogscan bench` and as defaults).
extension ModelSpec {
    /// The reference CNN: 4 conv blocks 3×3 "same" of 16/32/64/64 filters, each with BatchNorm +
    /// ReLU, MaxPool 2 after the first three; global average pool; Dropout 0.3; Dense 64 ReLU;
    /// Dense `classes`.
    public static func referenceCNN(input: [Int] = [1, 64, 128], classes: Int = 5) -> ModelSpec {
        var layers: [LayerSpec] = []
        for (index, filters) in [16, 32, 64, 64].enumerated() {
            layers += [.conv2D(filters: filters, kernel: 3, padding: .same), .batchNorm(), .relu]
            if index < 3 { layers.append(.maxPool(size: 2)) }
        }
        layers += [.globalAvgPool, .dropout(rate: 0.3), .dense(units: 64), .relu, .dense(units: classes)]
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
            layers += [.conv2D(filters: filters, kernel: 3, padding: .same), .batchNorm(), .relu, .maxPool(pool: [2, 1])]
        }
        layers += [
            .imageToSequence, .bidirectional(cell: .gru, units: 64, returnSequences: true), .dense(units: classes),
        ]
        return ModelSpec(input: input, layers: layers, initializer: "pytorch")
    }
}
