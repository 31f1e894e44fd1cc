import FrogNN

/// Seeded random tensors and parameter fills for the layer tests.
enum TestData {
    static func normal(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        var rng = SeededRNG(seed: seed)
        return Tensor(shape: shape, data: (0..<shape.reduce(1, *)).map { _ in rng.normal() * scale })
    }

    /// Fills every trainable parameter of `layer` with seeded normal values.
    static func randomize(_ layer: Layer, seed: UInt64, scale: Float = 0.5) {
        var rng = SeededRNG(seed: seed)
        for p in layer.parameters {
            for i in 0..<p.value.count { p.value.data[i] = rng.normal() * scale }
        }
    }
}
