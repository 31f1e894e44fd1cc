import FrogNN
import XCTest

/// Finite-difference gradient checks for `Layer`s.
///
/// The scalar checked is `L = Σ output ⊙ probe` for a fixed random `probe`, so
/// dL/d(output) = probe. Central differences in Float32 with step `epsilon` carry a truncation
/// error O(ε²) and a rounding error O(ulp(L)/ε); the loss is accumulated in Double to keep the
/// latter small. The default tolerance (2e-2 relative to the larger gradient magnitude, plus 1e-3
/// absolute) is what that rounding permits for layers of a few hundred elements.
public enum GradientCheck {
    /// Checks d(L)/d(input) and d(L)/d(every trainable parameter) of `layer` at `input`.
    public static func check(
        _ layer: Layer, input: Tensor, training: Bool = true, seed: UInt64 = 7,
        epsilon: Float = 1e-2, rtol: Float = 2e-2, atol: Float = 1e-3,
        checkInput: Bool = true, maxElements: Int = 400,
        reset: (() -> Void)? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        var rng = SeededRNG(seed: seed)
        let output = layer.forward(input, training: training)
        let probe = Tensor(shape: output.shape, data: (0..<output.count).map { _ in rng.normal() })

        func loss(_ x: Tensor) -> Double {
            reset?()
            let y = layer.forward(x, training: training)
            var sum = 0.0
            for i in 0..<y.count { sum += Double(y.data[i]) * Double(probe.data[i]) }
            return sum
        }

        for p in layer.parameters { p.grad.zero() }
        reset?()
        _ = layer.forward(input, training: training)
        let gradInput = layer.backward(probe)
        let analyticParams = layer.parameters.map { $0.grad }

        // Indices to probe: all, or an evenly spread subset for big tensors.
        func indices(_ n: Int) -> [Int] {
            n <= maxElements ? Array(0..<n) : (0..<maxElements).map { $0 * n / maxElements }
        }

        if checkInput {
            XCTAssertEqual(gradInput.shape, input.shape, "input gradient shape", file: file, line: line)
            var x = input
            for i in indices(input.count) {
                let saved = x.data[i]
                x.data[i] = saved + epsilon
                let plus = loss(x)
                x.data[i] = saved - epsilon
                let minus = loss(x)
                x.data[i] = saved
                let numeric = Float((plus - minus) / Double(2 * epsilon))
                compare(gradInput.data[i], numeric, "d/dinput[\(i)] of \(layer.kind)", rtol, atol, file, line)
            }
        }
        for (p, analytic) in zip(layer.parameters, analyticParams) {
            for i in indices(p.value.count) {
                let saved = p.value.data[i]
                p.value.data[i] = saved + epsilon
                let plus = loss(input)
                p.value.data[i] = saved - epsilon
                let minus = loss(input)
                p.value.data[i] = saved
                let numeric = Float((plus - minus) / Double(2 * epsilon))
                compare(analytic.data[i], numeric, "d/d\(p.name)[\(i)] of \(layer.kind)", rtol, atol, file, line)
            }
        }
    }

    private static func compare(
        _ analytic: Float, _ numeric: Float, _ what: String, _ rtol: Float, _ atol: Float,
        _ file: StaticString, _ line: UInt
    ) {
        let scale = max(abs(analytic), abs(numeric))
        if abs(analytic - numeric) > atol + rtol * scale {
            XCTFail("\(what): analytic \(analytic) vs numeric \(numeric)", file: file, line: line)
        }
    }
}
