import Foundation
@testable import FrogNN
import FrogTestSupport
import XCTest

/// Rectangular pool windows: (2, 1) pools frequency only (CRNN), (1, 2) time only.
final class PoolWindowTests: XCTestCase {
    /// Distinct values avoid ties, where the max is not differentiable.
    func distinct(_ shape: [Int], seed: UInt64) -> Tensor {
        var x = TestData.normal(shape, seed: seed)
        for i in 0..<x.count { x.data[i] += Float(i % 11) * 0.37 }
        return x
    }

    func testMaxPoolRectangularGradients() {
        let cases: [(PoolWindow, [Int])] = [
            (PoolWindow(height: 2, width: 1), [2, 2, 6, 5]),
            (PoolWindow(height: 1, width: 2), [2, 2, 3, 7]),
            (PoolWindow(height: 3, width: 2, strideHeight: 2, strideWidth: 1), [2, 1, 7, 5]),
            (PoolWindow(height: 2, width: 2), [1, 2, 5, 19]),  // 19 columns: SIMD lanes and a tail
            (PoolWindow(height: 2, width: 1), [1, 2, 4, 17]),
        ]
        for (seed, (window, shape)) in cases.enumerated() {
            let layer = MaxPool2D(window: window)
            layer.threadCount = 2
            GradientCheck.check(layer, input: distinct(shape, seed: UInt64(40 + seed)), epsilon: 1e-3)
        }
    }

    /// Inference's 2 × 2 pool maps each window's extreme once instead of every value; it must
    /// give exactly what mapping every value and keeping the argmax gives, for scales of both
    /// signs (negative: the minimum maps to the maximum), with and without ReLU, with ties
    /// (repeated values) and odd sizes (a SIMD tail and a dropped last row and column).
    func testMappedTwoByTwoPoolEqualsTheArgmaxPath() {
        for (h, w) in [(4, 16), (5, 19), (2, 2), (7, 33)] {
            var plane = TestData.normal([h * w], seed: UInt64(h * w)).data
            for i in Swift.stride(from: 0, to: plane.count, by: 5) { plane[i] = plane[(i + 1) % plane.count] }
            let (oh, ow) = PoolWindow(height: 2, width: 2).outputSize(height: h, width: w)
            for (scale, shift) in [(Float(1), Float(0)), (0.7, -0.2), (-1.3, 0.4), (0, 0.25)] {
                for relu in [false, true] {
                    var fast = [Float](repeating: .nan, count: oh * ow), slow = fast
                    var argmax = [Int32](repeating: 0, count: oh * ow), scratch = [Float](repeating: 0, count: 2 * w)
                    plane.withUnsafeBufferPointer { x in
                        maxPoolPlane(
                            PoolWindow(height: 2, width: 2), height: h, width: w, input: x.baseAddress!, scale: scale,
                            shift: shift, relu: relu, output: &fast, argmax: nil, scratch: &scratch)
                        maxPoolPlane(
                            PoolWindow(height: 2, width: 2), height: h, width: w, input: x.baseAddress!, scale: scale,
                            shift: shift, relu: relu, output: &slow, argmax: &argmax, scratch: &scratch)
                    }
                    XCTAssertEqual(fast.map(\.bitPattern), slow.map(\.bitPattern), "\(h)x\(w) scale \(scale) relu \(relu)")
                }
            }
        }
    }

    /// Training's 2 × 2 pool picks each window's largest (or smallest) z before BatchNorm's map
    /// is known: its winners and indices must be those of the argmax path with the identity
    /// map (scale −1 for the smallest: negation is exact, so ties break the same way), with
    /// ties, odd sizes and a SIMD tail; mapping the winners must give the argmax path's outputs
    /// bit for bit for scales of the matching sign.
    func testExtremeTwoByTwoPoolEqualsTheArgmaxPath() {
        for (h, w) in [(4, 16), (5, 19), (2, 2), (7, 33), (6, 40)] {
            var plane = TestData.normal([h * w], seed: UInt64(7 * h * w)).data
            for i in Swift.stride(from: 0, to: plane.count, by: 3) { plane[i] = plane[(i + w) % plane.count] }
            for i in Swift.stride(from: 1, to: plane.count, by: 7) { plane[i] = plane[i - 1] }
            let window = PoolWindow(height: 2, width: 2)
            let (oh, ow) = window.outputSize(height: h, width: w)
            for increasing in [true, false] {
                var winners = [Float](repeating: .nan, count: oh * ow), index = [Int32](repeating: -1, count: oh * ow)
                var expected = winners, expectedIndex = index, scratch = [Float](repeating: 0, count: 2 * w)
                plane.withUnsafeBufferPointer { x in
                    extremePool2x2(
                        height: oh, width: ow, rowLength: w, input: x.baseAddress!, increasing: increasing,
                        winners: &winners, argmax: &index)
                    maxPoolPlane(
                        window, height: h, width: w, input: x.baseAddress!, scale: increasing ? 1 : -1, shift: 0,
                        relu: false, output: &expected, argmax: &expectedIndex, scratch: &scratch)
                }
                XCTAssertEqual(index, expectedIndex, "\(h)x\(w) increasing \(increasing)")
                XCTAssertEqual(winners, index.map { plane[Int($0)] }, "\(h)x\(w) increasing \(increasing)")
                for (scale, shift) in increasing ? [(Float(0.7), Float(-0.2)), (1, 0)] : [(-1.3, 0.4)] {
                    for relu in [false, true] {
                        var mapped = [Float](repeating: .nan, count: oh * ow), reference = mapped
                        var argmax = [Int32](repeating: 0, count: oh * ow)
                        VectorKernels.affine(winners, count: oh * ow, scale: scale, shift: shift, relu: relu, into: &mapped)
                        plane.withUnsafeBufferPointer { x in
                            maxPoolPlane(
                                window, height: h, width: w, input: x.baseAddress!, scale: scale, shift: shift,
                                relu: relu, output: &reference, argmax: &argmax, scratch: &scratch)
                        }
                        XCTAssertEqual(mapped.map(\.bitPattern), reference.map(\.bitPattern), "\(h)x\(w) scale \(scale) relu \(relu)")
                    }
                }
            }
        }
    }

    func testAvgPoolRectangularGradients() {
        GradientCheck.check(AvgPool2D(window: PoolWindow(height: 2, width: 1)), input: TestData.normal([2, 2, 6, 3], seed: 50))
        GradientCheck.check(
            AvgPool2D(window: PoolWindow(height: 1, width: 3, strideHeight: 1, strideWidth: 2)),
            input: TestData.normal([2, 1, 3, 7], seed: 51))
    }

    func testFrequencyPoolValues() {
        // [1, 1, 4, 3]: rows are frequency bins, columns time steps.
        let x = Tensor(shape: [1, 1, 4, 3], data: [1, 5, 2, 3, 4, 9, -1, 0, 7, -2, 8, 6])
        let y = MaxPool2D(window: PoolWindow(height: 2, width: 1)).forward(x, training: true)
        XCTAssertEqual(y.shape, [1, 1, 2, 3])
        XCTAssertEqual(y.data, [3, 5, 9, -1, 8, 7])
        let avg = AvgPool2D(window: PoolWindow(height: 2, width: 1)).forward(x, training: true)
        XCTAssertEqual(avg.data, [2, 4.5, 5.5, -1.5, 4, 6.5])
    }

    func testTiesGoToTheFirstMaximumInRowMajorOrder() {
        // Window [[1, 5], [5, 0]]: PyTorch routes the gradient to (0, 1), the first 5 row-major.
        let layer = MaxPool2D(poolSize: 2)
        let x = Tensor(shape: [1, 1, 2, 2], data: [1, 5, 5, 0])
        XCTAssertEqual(layer.forward(x, training: true).data, [5])
        XCTAssertEqual(layer.backward(Tensor(shape: [1, 1, 1, 1], data: [1])).data, [0, 1, 0, 0])
        // All equal (ReLU zeros): the first element wins.
        let zeros = Tensor(zeros: [1, 1, 2, 2])
        _ = layer.forward(zeros, training: true)
        XCTAssertEqual(layer.backward(Tensor(shape: [1, 1, 1, 1], data: [1])).data, [1, 0, 0, 0])
    }

    func testSpecPoolField() throws {
        let json = """
            { "input": [1, 8, 6], "layers": [
              {"type": "maxpool", "pool": [2, 1]}, {"type": "avgpool", "pool": [1, 3]},
              {"type": "maxpool", "size": 2} ] }
            """
        let spec = try JSONDecoder().decode(ModelSpec.self, from: Data(json.utf8))
        let model = try ModelBuilder.build(spec, seed: 0)
        XCTAssertEqual(model.outputShape(for: spec.input), [1, 2, 1])
        XCTAssertThrowsError(try ModelBuilder.build(ModelSpec(input: [1, 4, 4], layers: [.maxPool(pool: [2])]), seed: 0))
    }
}
