@testable import FrogNN
import FrogTestSupport
import XCTest

/// The convolution builds its im2col columns a few output rows at a time (`ConvGeometry.tileRows`)
/// so each tile stays in L2. Small test images fit one tile, so these force several.
final class ConvTilingTests: XCTestCase {
    private var savedBudget = 0

    override func setUp() { savedBudget = ConvGeometry.tileBudget }
    override func tearDown() { ConvGeometry.tileBudget = savedBudget }

    func testTileRowsSpreadEvenlyAndRespectTheBudget() {
        let g = ConvGeometry(channels: 16, height: 32, width: 64, kernelHeight: 3, kernelWidth: 3, stride: 1, padding: 1)
        ConvGeometry.tileBudget = 65_536
        // 65,536 / (144 · 64) = 7 rows fit; 32 rows → 5 tiles → 7 rows each (the last 4).
        XCTAssertEqual(g.tileRows, 7)
        XCTAssertLessThanOrEqual(g.tileFloats, ConvGeometry.tileBudget)
        ConvGeometry.tileBudget = 1
        XCTAssertEqual(g.tileRows, 1, "at least one row")
        ConvGeometry.tileBudget = 1 << 30
        XCTAssertEqual(g.tileRows, 32, "one tile")
    }

    /// im2col, whole or a tile of output rows, equals the definition col[(c, ky, kx), oy, ox] =
    /// image[c, oy·s + ky − p, ox·s + kx − p] (0 outside), for "same" convs (the block-copy path,
    /// including shifts as wide as the image) and the others.
    func testIm2colMatchesItsDefinition() {
        let shapes: [(c: Int, h: Int, w: Int, kh: Int, kw: Int, s: Int, p: Int)] = [
            (2, 5, 7, 3, 3, 1, 1), (3, 4, 6, 5, 5, 1, 2), (1, 3, 4, 1, 1, 1, 0), (2, 6, 5, 3, 1, 1, 0),
            (2, 3, 3, 7, 7, 1, 3), (2, 7, 6, 3, 3, 2, 1), (1, 5, 5, 3, 3, 1, 0),
        ]
        for shape in shapes {
            let g = ConvGeometry(
                channels: shape.c, height: shape.h, width: shape.w, kernelHeight: shape.kh, kernelWidth: shape.kw,
                stride: shape.s, padding: shape.p)
            let image = TestData.normal([shape.c, shape.h, shape.w], seed: 3).data
            let ow = g.outputWidth
            for rows in [0..<g.outputHeight, 1..<min(3, g.outputHeight), (g.outputHeight - 1)..<g.outputHeight] {
                let tile = rows.count * ow
                var columns = [Float](repeating: .nan, count: g.patchSize * tile)
                image.withUnsafeBufferPointer { x in
                    columns.withUnsafeMutableBufferPointer { im2col(g, image: x.baseAddress!, columns: $0.baseAddress!, outputRows: rows) }
                }
                var expected = [Float](repeating: 0, count: g.patchSize * tile)
                for c in 0..<shape.c {
                    for ky in 0..<shape.kh {
                        for kx in 0..<shape.kw {
                            let row = (c * shape.kh + ky) * shape.kw + kx
                            for oy in rows {
                                for ox in 0..<ow {
                                    let y = oy * shape.s + ky - shape.p, x = ox * shape.s + kx - shape.p
                                    guard y >= 0, y < shape.h, x >= 0, x < shape.w else { continue }
                                    expected[row * tile + (oy - rows.lowerBound) * ow + ox] = image[(c * shape.h + y) * shape.w + x]
                                }
                            }
                        }
                    }
                }
                XCTAssertEqual(columns, expected, "\(shape), rows \(rows)")
            }
        }
    }

    /// One row, two rows and uneven tiles give the untiled results (up to summation order) and
    /// pass the finite-difference check.
    func testTiledConvolutionMatchesOneTile() {
        let input = TestData.normal([3, 2, 7, 6], seed: 8)
        func run(budget: Int) -> (output: Tensor, gradInput: Tensor, gradWeight: [Float], gradBias: [Float]) {
            ConvGeometry.tileBudget = budget
            let layer = Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: 3, stride: 2, padding: 1)
            layer.threadCount = 2
            TestData.randomize(layer, seed: 7)
            let output = layer.forward(input, training: true)
            let gradInput = layer.backward(TestData.normal(output.shape, seed: 9))
            return (output, gradInput, layer.weight.grad.data, layer.bias!.grad.data)
        }
        let whole = run(budget: 1 << 30)
        let patch = 2 * 3 * 3, outputWidth = 3  // (6 + 2 − 3) / 2 + 1
        for rows in [1, 2, 3] {
            let tiled = run(budget: rows * patch * outputWidth)
            for (a, b) in zip(tiled.output.data + tiled.gradInput.data + tiled.gradWeight + tiled.gradBias,
                              whole.output.data + whole.gradInput.data + whole.gradWeight + whole.gradBias) {
                XCTAssertEqual(a, b, accuracy: 1e-5 * max(1, abs(b)), "\(rows) row(s) per tile")
            }
            // The same tile heights on a stride-1 image: patch 18, output width 6.
            ConvGeometry.tileBudget = rows * 18 * 6
            let layer = Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: 3, padding: 1)
            TestData.randomize(layer, seed: 5)
            GradientCheck.check(layer, input: TestData.normal([2, 2, 5, 6], seed: 6))
        }
    }
}
