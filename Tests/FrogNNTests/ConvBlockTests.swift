import FrogNN
import FrogTestSupport
import XCTest

/// The fused conv block (Conv2D → BatchNorm+ReLU → MaxPool2D run as one kernel by `Sequential`)
/// against the same layers run one by one, and against finite differences.
final class ConvBlockTests: XCTestCase {
    /// A block spec: conv (filters, bias) → batchnorm → relu? → maxpool window?.
    static func blockSpec(
        input: [Int], filters: Int, bias: Bool = true, relu: Bool = true, pool: [Int]?, tail: Bool = false
    ) -> ModelSpec {
        var layers: [LayerSpec] = [.conv2D(filters: filters, bias: bias), .batchNorm()]
        if relu { layers.append(.relu) }
        if let pool { layers.append(.maxPool(pool: pool)) }
        if tail {
            // A second, unpooled block: the CNN's last block before global pooling.
            layers += [.conv2D(filters: 3), .batchNorm(), .relu]
        }
        return ModelSpec(input: input, layers: layers)
    }

    /// Runs a training step (forward, backward) and an evaluation forward on the fused and the
    /// unfused model built from the same spec and seed, and compares everything they produce.
    /// `negativeGamma` makes every other channel's γ negative (the pool then picks each window's
    /// smallest z).
    func compareFusedAndUnfused(
        _ spec: ModelSpec, batch: Int, threads: Int, seed: UInt64, negativeGamma: Bool = false
    ) throws {
        let fused = try ModelBuilder.build(spec, seed: seed)
        let plain = try ModelBuilder.build(spec, seed: seed, fusesConvBlocks: false)
        XCTAssertGreaterThan(fused.fusedBlockCount, 0)
        XCTAssertEqual(plain.fusedBlockCount, 0)
        fused.threadCount = threads
        plain.threadCount = threads
        (fused.layers[0] as! Conv2D).computesInputGradient = true
        (plain.layers[0] as! Conv2D).computesInputGradient = true
        // Non-default γ/β so that the ReLU cuts some values and BatchNorm's affine map matters.
        for (a, b) in zip(fused.namedParameters, plain.namedParameters) where a.name.contains(".weight") || a.name.contains(".bias") {
            if a.parameter.value.count <= 16 {
                var rng = SeededRNG(seed: seed + UInt64(a.name.count))
                for i in 0..<a.parameter.value.count {
                    var v = 0.3 + rng.uniform() * (a.name.hasSuffix("weight") ? 1 : -0.6)
                    if negativeGamma, a.name.hasSuffix("weight"), i % 2 == 1 { v = -v }
                    a.parameter.value.data[i] = v
                    b.parameter.value.data[i] = v
                }
            }
        }
        let x = TestData.normal([batch] + spec.input, seed: seed + 1, scale: 2)
        for step in 0..<2 {
            let y1 = fused.forward(x, training: true), y2 = plain.forward(x, training: true)
            XCTAssertEqual(y1.shape, y2.shape)
            // One-pass shifted moments vs two-pass statistics: Float32 rounding of values ~1–10.
            assertClose(y1.data, y2.data, atol: 1e-4, rtol: 1e-4, "training output, step \(step)")
            let probe = TestData.normal(y1.shape, seed: seed + 2 + UInt64(step))
            fused.zeroGradients()
            plain.zeroGradients()
            let g1 = fused.backward(probe), g2 = plain.backward(probe)
            assertClose(g1.data, g2.data, atol: 2e-4, rtol: 1e-3, "input gradient, step \(step)")
            for (a, b) in zip(fused.namedParameters, plain.namedParameters) {
                // Gradients are sums over the batch of values ~1; summed in other orders.
                assertClose(a.parameter.grad.data, b.parameter.grad.data, atol: 1e-3, rtol: 1e-3, "d\(a.name)")
            }
            for (a, b) in zip(fused.namedBuffers, plain.namedBuffers) {
                assertClose(a.parameter.value.data, b.parameter.value.data, atol: 1e-5, rtol: 1e-5, a.name)
            }
        }
        let e1 = fused.forward(x, training: false), e2 = plain.forward(x, training: false)
        assertClose(e1.data, e2.data, atol: 1e-4, rtol: 1e-4, "evaluation output")
        // Backward after an evaluation forward takes the unfused path inside the block.
        let probe = TestData.normal(e1.shape, seed: seed + 9)
        fused.zeroGradients()
        plain.zeroGradients()
        assertClose(fused.backward(probe).data, plain.backward(probe).data, atol: 1e-4, rtol: 1e-4, "eval backward")
    }

    func testSquarePoolBlockMatchesLayers() throws {
        try compareFusedAndUnfused(
            Self.blockSpec(input: [2, 6, 10], filters: 4, pool: [2, 2], tail: true), batch: 3, threads: 1, seed: 1)
    }

    func testFrequencyPoolBlockWithoutBiasThreaded() throws {
        try compareFusedAndUnfused(
            Self.blockSpec(input: [1, 8, 5], filters: 3, bias: false, pool: [2, 1]), batch: 5, threads: 2, seed: 2)
    }

    func testOddSizesAndWidePoolThreaded() throws {
        // 7×9 planes leave a row and a column outside the (1, 2) and (3, 2) windows.
        try compareFusedAndUnfused(
            Self.blockSpec(input: [3, 7, 9], filters: 2, pool: [1, 2]), batch: 3, threads: 2, seed: 3)
        try compareFusedAndUnfused(
            Self.blockSpec(input: [2, 7, 9], filters: 2, pool: [3, 2]), batch: 2, threads: 1, seed: 4)
    }

    func testSingleChannelDirectBlockThreaded() throws {
        // A 1-channel input takes the direct conv: 6 filters are a 4-channel block and a rest
        // of 2 (evaluation runs them block by block), 11 columns a partial 8-wide vector.
        try compareFusedAndUnfused(
            Self.blockSpec(input: [1, 6, 11], filters: 6, pool: [2, 2], tail: true), batch: 3, threads: 2, seed: 6)
    }

    /// γ < 0 turns BatchNorm's map around: the 2 × 2 pool's winners are the windows' minima.
    func testSquarePoolBlockWithNegativeGammaThreaded() throws {
        try compareFusedAndUnfused(
            Self.blockSpec(input: [2, 6, 20], filters: 4, pool: [2, 2], tail: true), batch: 5, threads: 2, seed: 21,
            negativeGamma: true)
    }

    func testBlockWithoutReLUOrPool() throws {
        try compareFusedAndUnfused(
            Self.blockSpec(input: [2, 5, 6], filters: 3, relu: false, pool: nil), batch: 3, threads: 2, seed: 5)
    }

    /// Finite differences through the fused block (and the unfused layers, which must pass the
    /// same check). BatchNorm in training mode couples the batch, so every input moves every
    /// output; a small ε keeps the perturbations from crossing ReLU kinks or swapping pool winners.
    func gradientCheck(_ spec: ModelSpec, batch: Int, threads: Int, seed: UInt64) throws {
        for fused in [true, false] {
            let model = try ModelBuilder.build(spec, seed: seed, fusesConvBlocks: fused)
            XCTAssertEqual(model.fusedBlockCount > 0, fused)
            model.threadCount = threads
            (model.layers[0] as! Conv2D).computesInputGradient = true
            let running = model.namedBuffers.map { $0.parameter.value }
            GradientCheck.check(
                model, input: TestData.normal([batch] + spec.input, seed: seed + 1), epsilon: 1e-3,
                reset: { for (b, v) in zip(model.namedBuffers, running) { b.parameter.value = v } })
        }
    }

    func testFusedBlockGradientCheck() throws {
        // (Seed 11 with 4×6 inputs has two conv outputs within 1e-3 of each other in one pool
        // window: numeric slopes there converge to the analytic ones only for ε ≤ 1e-4.)
        try gradientCheck(Self.blockSpec(input: [2, 4, 8], filters: 3, pool: [2, 2]), batch: 3, threads: 1, seed: 11)
    }

    func testFusedFrequencyPoolGradientCheckThreaded() throws {
        try gradientCheck(
            Self.blockSpec(input: [1, 6, 4], filters: 2, bias: false, pool: [2, 1]), batch: 4, threads: 2, seed: 13)
    }
}

final class ReferenceCRNNTests: XCTestCase {
    func testReferenceCRNNMatchesThePeerModel() throws {
        let spec = ModelSpec.referenceCRNN()
        let model = try ModelBuilder.build(spec, seed: 1)
        XCTAssertEqual(model.outputShape(for: spec.input), [128, 5])
        XCTAssertEqual(model.fusedBlockCount, 3)
        // nn_torch.py's CRNN: convs 160 + 4,640 + 18,496, BatchNorm 2·(16 + 32 + 64),
        // BiGRU 2·(3·64·512 + 3·64·64 + 2·192), Linear 128·5 + 5.
        XCTAssertEqual(model.parameters.reduce(0) { $0 + $1.value.count }, 246_117)
        let y = model.forward(TestData.normal([2] + spec.input, seed: 3), training: true)
        XCTAssertEqual(y.shape, [2, 128, 5])
    }
}
