import FrogNN
import FrogTestSupport
import XCTest

/// Layers against PyTorch's outputs and autograd gradients for the same inputs and weights.
/// Tolerance 1e-5 absolute + 1e-4 relative: Float32 sums of up to ~150 products, accumulated in
/// a different order from PyTorch's kernels, differ by a few ulps of values of order 1–10.
final class PyTorchFixtureTests: XCTestCase {
    let atol: Float = 1e-5
    let rtol: Float = 1e-4

    /// Loads params into the layer, runs forward/backward and compares everything.
    func check(_ name: String, _ layer: Layer, training: Bool = true, file: StaticString = #filePath, line: UInt = #line) throws {
        let fixture = try Fixture(name)
        let params = fixture.dictionary("params")
        for p in layer.parameters + layer.buffers {
            if let value = params[p.name] { p.value = Fixture.tensor(value) }
        }
        for p in layer.parameters { p.grad.zero() }
        let output = layer.forward(fixture.tensor("input"), training: training)
        XCTAssertEqual(output.shape, fixture.tensor("output").shape, file: file, line: line)
        assertClose(output.data, fixture.tensor("output").data, atol: atol, rtol: rtol, "\(name) output", file: file, line: line)
        let gradInput = layer.backward(fixture.tensor("grad_output"))
        assertClose(gradInput.data, fixture.tensor("grad_input").data, atol: atol, rtol: rtol, "\(name) grad input", file: file, line: line)
        let grads = fixture.dictionary("grads")
        for p in layer.parameters {
            assertClose(p.grad.data, Fixture.tensor(grads[p.name]).data, atol: atol, rtol: rtol, "\(name) d\(p.name)", file: file, line: line)
        }
    }

    func testConvolutions() throws {
        try check("conv_strided", Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: 3, stride: 2, padding: 1))
        try check("conv_single_channel", Conv2D(inputChannels: 1, outputChannels: 4, kernelSize: 3, padding: 1))
        try check("conv_valid", Conv2D(inputChannels: 3, outputChannels: 2, kernelSize: 2))
    }

    func testPoolsAndDense() throws {
        try check("maxpool", MaxPool2D(poolSize: 2))
        try check("maxpool_overlap", MaxPool2D(poolSize: 3, stride: 2))
        try check("avgpool", AvgPool2D(poolSize: 2))
        try check("dense", Dense(inputFeatures: 6, outputFeatures: 4))
    }

    func testBatchNormTrainingUpdatesRunningStatistics() throws {
        let layer = BatchNorm(features: 3)
        try check("batchnorm_train", layer)
        // check() already ran one training forward; start again from the "before" statistics.
        let fixture = try Fixture("batchnorm_train")
        let before = fixture.dictionary("running_before"), after = fixture.dictionary("running_after")
        layer.runningMean.value = Fixture.tensor(before["running_mean"])
        layer.runningVariance.value = Fixture.tensor(before["running_var"])
        _ = layer.forward(fixture.tensor("input"), training: true)
        assertClose(layer.runningMean.value.data, Fixture.tensor(after["running_mean"]).data, atol: atol, rtol: rtol)
        assertClose(layer.runningVariance.value.data, Fixture.tensor(after["running_var"]).data, atol: atol, rtol: rtol)
        try check("batchnorm1d_train", BatchNorm(features: 5))
    }

    func testBatchNormEvaluation() throws {
        try check("batchnorm_eval", BatchNorm(features: 3), training: false)
    }
}
