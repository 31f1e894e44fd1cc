import FrogNN
import XCTest

final class TensorTests: XCTestCase {
    func testShapeAndReshape() {
        var t = Tensor(zeros: [2, 3, 4])
        XCTAssertEqual(t.count, 24)
        t[5] = 1.5
        let r = t.reshaped([6, 4])
        XCTAssertEqual(r.shape, [6, 4])
        XCTAssertEqual(r[5], 1.5)
        t.zero()
        XCTAssertEqual(t.data.reduce(0, +), 0)
    }

    func testSeededRNGIsDeterministicAndRoughlyNormal() {
        var a = SeededRNG(seed: 42)
        var b = SeededRNG(seed: 42)
        let xs = (0..<20_000).map { _ in a.normal() }
        let ys = (0..<20_000).map { _ in b.normal() }
        XCTAssertEqual(xs, ys)
        let mean = xs.reduce(0, +) / Float(xs.count)
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(xs.count)
        // 20,000 samples: the standard error of the mean is 0.007, of the variance ~0.01.
        XCTAssertEqual(mean, 0, accuracy: 0.03)
        XCTAssertEqual(variance, 1, accuracy: 0.05)
        var c = SeededRNG(seed: 43)
        XCTAssertNotEqual(c.normal(), xs[0])
    }
}
