import FrogNN
import FrogTestSupport
import XCTest

/// Finite-difference checks of every layer's backward pass (GradientCheck: central differences,
/// loss accumulated in Double; default tolerance 2e-2 relative + 1e-3 absolute, see there).
final class LayerGradientTests: XCTestCase {
    func testDense() {
        let layer = Dense(inputFeatures: 5, outputFeatures: 4)
        TestData.randomize(layer, seed: 1)
        GradientCheck.check(layer, input: TestData.normal([3, 5], seed: 2))
    }

    func testDenseOnSequences() {
        let layer = Dense(inputFeatures: 3, outputFeatures: 2)
        TestData.randomize(layer, seed: 3)
        GradientCheck.check(layer, input: TestData.normal([2, 4, 3], seed: 4))
    }

    func testConvSamePadding() {
        let layer = Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: 3, padding: 1)
        TestData.randomize(layer, seed: 5)
        GradientCheck.check(layer, input: TestData.normal([2, 2, 5, 6], seed: 6))
    }

    func testConvStridedPaddedAndThreaded() {
        let layer = Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: 3, stride: 2, padding: 1)
        layer.threadCount = 2
        TestData.randomize(layer, seed: 7)
        GradientCheck.check(layer, input: TestData.normal([3, 2, 7, 6], seed: 8))
    }

    func testConvValidStrided() {
        let layer = Conv2D(inputChannels: 3, outputChannels: 2, kernelSize: 2, stride: 2, padding: 0)
        TestData.randomize(layer, seed: 9)
        GradientCheck.check(layer, input: TestData.normal([2, 3, 6, 5], seed: 10))
    }

    func testConvSingleChannelDirectKernel() {
        let layer = Conv2D(inputChannels: 1, outputChannels: 4, kernelSize: 3, padding: 1)
        TestData.randomize(layer, seed: 11)
        GradientCheck.check(layer, input: TestData.normal([2, 1, 6, 7], seed: 12))
    }

    /// A single-channel conv (the direct kernel) and a 2-channel one (im2col + GEMM) that
    /// computes the same thing: its second input channel's weights are zero.
    func directAndGeneral(outputChannels: Int, kernel: Int, padding: Int, seed: UInt64) -> (Conv2D, Conv2D) {
        let direct = Conv2D(inputChannels: 1, outputChannels: outputChannels, kernelSize: kernel, padding: padding)
        TestData.randomize(direct, seed: seed)
        let general = Conv2D(inputChannels: 2, outputChannels: outputChannels, kernelSize: kernel, padding: padding)
        let taps = kernel * kernel
        for co in 0..<outputChannels {
            for k in 0..<taps { general.weight.value.data[co * 2 * taps + k] = direct.weight.value.data[co * taps + k] }
        }
        general.bias!.value = direct.bias!.value
        return (direct, general)
    }

    /// [n, 1, h, w] → [n, 2, h, w] with a zero second channel; `first` undoes it.
    func widened(_ x: Tensor) -> Tensor {
        let plane = x.shape[2] * x.shape[3]
        var wide = Tensor(zeros: [x.shape[0], 2, x.shape[2], x.shape[3]])
        for s in 0..<x.shape[0] { for i in 0..<plane { wide.data[2 * s * plane + i] = x.data[s * plane + i] } }
        return wide
    }

    func first(of wide: Tensor) -> [Float] {
        let plane = wide.shape[2] * wide.shape[3]
        return (0..<wide.shape[0]).flatMap { s in wide.data[(2 * s * plane)..<(2 * s * plane + plane)] }
    }

    func testConvDirectMatchesIm2col() {
        // The direct single-channel kernel and im2col+GEMM must agree.
        let (direct, general) = directAndGeneral(outputChannels: 3, kernel: 3, padding: 1, seed: 13)
        let x = TestData.normal([2, 1, 5, 8], seed: 14)
        // Same products summed in a different order: a few Float32 ulps of values near 3.
        assertClose(direct.forward(x, training: true).data, general.forward(widened(x), training: true).data, atol: 1e-5)
    }

    func testConvDirectMatchesIm2colWideRowsAndGradients() {
        // Rows of 27 outputs take every path of the direct kernels (16-wide, 8-wide, a 3-float
        // tail); 5 output channels take the 4-channel block and the single-channel rest; a 5x5
        // kernel with padding 2 checks the padded plane. Forward and backward (dW, db, dX).
        let (direct, general) = directAndGeneral(outputChannels: 5, kernel: 5, padding: 2, seed: 31)
        let x = TestData.normal([3, 1, 6, 27], seed: 32)
        assertClose(direct.forward(x, training: true).data, general.forward(widened(x), training: true).data, atol: 1e-5)
        let dy = TestData.normal([3, 5, 6, 27], seed: 33)
        let dx = direct.backward(dy), dx2 = general.backward(dy)
        var dW2: [Float] = []
        for co in 0..<5 { dW2 += general.weight.grad.data[(co * 50)..<(co * 50 + 25)] }
        assertClose(direct.weight.grad.data, dW2, atol: 1e-4)
        assertClose(direct.bias!.grad.data, general.bias!.grad.data, atol: 1e-4)
        assertClose(dx.data, first(of: dx2), atol: 1e-4)
    }

    /// The direct forward kernel adds the taps onto the bias in (ky, kx) order, each product
    /// rounded before it is added, in every lane of its 16-, 8- and tail paths: the output equals
    /// that sum done one float at a time, to the bit.
    func testConvDirectForwardIsTheTapOrderSumToTheBit() {
        let layer = Conv2D(inputChannels: 1, outputChannels: 6, kernelSize: 3, padding: 1)
        TestData.randomize(layer, seed: 41)
        let (h, w) = (4, 37)
        let x = TestData.normal([2, 1, h, w], seed: 42)
        let y = layer.forward(x, training: false)
        var expected = [Float]()
        for s in 0..<2 {
            for co in 0..<6 {
                for oy in 0..<h {
                    for ox in 0..<w {
                        var sum = layer.bias!.value.data[co]
                        for ky in 0..<3 {
                            for kx in 0..<3 {
                                let iy = oy + ky - 1, ix = ox + kx - 1
                                let v: Float = iy >= 0 && iy < h && ix >= 0 && ix < w ? x.data[(s * h + iy) * w + ix] : 0
                                let product = v * layer.weight.value.data[co * 9 + ky * 3 + kx]
                                sum += product
                            }
                        }
                        expected.append(sum)
                    }
                }
            }
        }
        XCTAssertEqual(y.data.map(\.bitPattern), expected.map(\.bitPattern))
    }

    func testMaxPool() {
        let layer = MaxPool2D(poolSize: 2)
        // Distinct values avoid ties, where the max is not differentiable.
        var x = TestData.normal([2, 2, 4, 6], seed: 15)
        for i in 0..<x.count { x.data[i] += Float(i % 7) * 0.31 }
        GradientCheck.check(layer, input: x, epsilon: 1e-3)
    }

    func testMaxPoolOverlappingStride() {
        let layer = MaxPool2D(poolSize: 3, stride: 2)
        layer.threadCount = 2
        GradientCheck.check(layer, input: TestData.normal([2, 2, 7, 5], seed: 16), epsilon: 1e-3)
    }

    func testAvgPool() {
        GradientCheck.check(AvgPool2D(poolSize: 2), input: TestData.normal([2, 2, 4, 5], seed: 17))
    }

    func testGlobalPools() {
        GradientCheck.check(GlobalAveragePool(), input: TestData.normal([2, 3, 4, 5], seed: 18))
        GradientCheck.check(GlobalMaxPool(), input: TestData.normal([2, 3, 4, 5], seed: 19), epsilon: 1e-3)
    }

    func testBatchNormTraining2D() {
        let layer = BatchNorm(features: 3)
        TestData.randomize(layer, seed: 20)
        GradientCheck.check(
            layer, input: TestData.normal([4, 3, 3, 2], seed: 21),
            reset: { layer.runningMean.value.zero() })
    }

    func testBatchNormTraining1DThreaded() {
        let layer = BatchNorm(features: 4)
        layer.threadCount = 2
        TestData.randomize(layer, seed: 22)
        GradientCheck.check(layer, input: TestData.normal([6, 4], seed: 23))
    }

    func testBatchNormFusedReLU() {
        let layer = BatchNorm(features: 2, fusedReLU: true)
        TestData.randomize(layer, seed: 24)
        GradientCheck.check(layer, input: TestData.normal([3, 2, 3, 3], seed: 25), epsilon: 1e-3)
    }

    func testBatchNormEvaluation() {
        let layer = BatchNorm(features: 3)
        TestData.randomize(layer, seed: 26)
        layer.runningMean.value = TestData.normal([3], seed: 27)
        layer.runningVariance.value = Tensor(shape: [3], data: [0.5, 2, 1.5])
        GradientCheck.check(layer, input: TestData.normal([2, 3, 2, 2], seed: 28), training: false)
    }

    func testDropoutUsesTheSameMaskForwardAndBackward() {
        let layer = Dropout(rate: 0.3, seed: 5)
        // Reset the generator before each forward, so every evaluation draws the same mask.
        GradientCheck.check(
            layer, input: TestData.normal([4, 10], seed: 29),
            reset: { layer.generator = SeededRNG(seed: 5) })
        let x = TestData.normal([2, 10], seed: 30)
        XCTAssertEqual(layer.forward(x, training: false), x, "dropout is the identity in evaluation")
    }

    func testActivations() {
        // Shift inputs away from the kink at 0 for ReLU-like functions.
        var x = TestData.normal([3, 7], seed: 31)
        for i in 0..<x.count where abs(x.data[i]) < 0.05 { x.data[i] = 0.3 }
        for f: Activation.Function in [.relu, .leakyReLU(slope: 0.1), .elu(alpha: 1.0), .tanh, .sigmoid] {
            GradientCheck.check(Activation(f), input: x, epsilon: 1e-3)
        }
    }

    func testSoftmaxAndLayerNorm() {
        GradientCheck.check(Softmax(), input: TestData.normal([3, 5], seed: 32))
        let norm = LayerNorm(features: 6)
        TestData.randomize(norm, seed: 33)
        GradientCheck.check(norm, input: TestData.normal([2, 3, 6], seed: 34))
    }

    func testReshapesAndPermute() {
        GradientCheck.check(Flatten(), input: TestData.normal([2, 3, 2, 2], seed: 35))
        GradientCheck.check(Reshape(shape: [-1, 4]), input: TestData.normal([2, 3, 4], seed: 36))
        let bridge = Permute(order: [2, 0, 1], mergeTrailing: true)
        let x = TestData.normal([2, 3, 4, 5], seed: 37)
        GradientCheck.check(bridge, input: x)
        let y = bridge.forward(x, training: false)
        XCTAssertEqual(y.shape, [2, 5, 12])
        // out[n, t, c·h + row] == in[n, c, row, t]
        let outIndex = 60 + 3 * 12 + 2 * 4 + 1
        let inIndex = 60 + 2 * 20 + 1 * 5 + 3
        XCTAssertEqual(y.data[outIndex], x.data[inIndex])
    }
}
