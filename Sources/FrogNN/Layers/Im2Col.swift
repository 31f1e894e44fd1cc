import Synchronization

/// Geometry of one 2-D convolution or pooling window sweep over a single image plane stack.
struct ConvGeometry {
    var channels: Int
    var height: Int
    var width: Int
    var kernelHeight: Int
    var kernelWidth: Int
    var stride: Int
    var padding: Int

    var outputHeight: Int { (height + 2 * padding - kernelHeight) / stride + 1 }
    var outputWidth: Int { (width + 2 * padding - kernelWidth) / stride + 1 }
    /// Rows of the column matrix: channels · kh · kw.
    var patchSize: Int { channels * kernelHeight * kernelWidth }
    /// Columns of the column matrix: output pixels.
    var outputPixels: Int { outputHeight * outputWidth }

    /// The walk `im2col` and `col2im` share: every row of the column matrix in order (channel,
    /// then kernel row ky, then kernel column kx), with its channel's offset in the image and
    /// the output columns ox ∈ xLow..<xHigh whose input x = ox·s + kx − p lies inside [0, w)
    /// (none when xLow ≥ xHigh).
    @inline(__always)
    func forEachPatchRow(
        _ body: (_ row: Int, _ planeOffset: Int, _ ky: Int, _ kx: Int, _ xLow: Int, _ xHigh: Int) -> Void
    ) {
        let ow = outputWidth
        var row = 0
        for c in 0..<channels {
            for ky in 0..<kernelHeight {
                for kx in 0..<kernelWidth {
                    let xLow = max(0, (padding - kx + stride - 1) / stride)
                    let xHigh = min(ow, (width + padding - kx + stride - 1) / stride)
                    body(row, c * height * width, ky, kx, xLow, xHigh)
                    row += 1
                }
            }
        }
    }
}

/// Unfolds the output rows `outputRows` of one image [c, h, w] into columns [c·kh·kw, rows·ow]
/// (zero where the window hangs over the padding), so a convolution becomes one GEMM and a
/// tile of the column matrix can be built and consumed while it is still in L2.
@inline(__always)
func im2col(
    _ g: ConvGeometry, image: UnsafePointer<Float>, columns: UnsafeMutablePointer<Float>, outputRows: Range<Int>
) {
    let ow = g.outputWidth, tile = outputRows.count * ow
    if g.stride == 1 && ow == g.width {
        sameWidthIm2col(g, image: image, columns: columns, outputRows: outputRows)
        return
    }
    g.forEachPatchRow { row, planeOffset, ky, kx, xLow, xHigh in
        let dst = columns + row * tile
        for oy in outputRows {
            let y = oy * g.stride + ky - g.padding
            let out = dst + (oy - outputRows.lowerBound) * ow
            if y < 0 || y >= g.height || xLow >= xHigh {
                out.update(repeating: 0, count: ow)
                continue
            }
            if xLow > 0 { out.update(repeating: 0, count: xLow) }
            if xHigh < ow { (out + xHigh).update(repeating: 0, count: ow - xHigh) }
            let src = image + planeOffset + y * g.width + kx - g.padding
            if g.stride == 1 {
                (out + xLow).update(from: src + xLow, count: xHigh - xLow)
            } else {
                for ox in xLow..<xHigh { out[ox] = src[ox * g.stride] }
            }
        }
    }
}

/// `im2col` for stride 1 and an output as wide as the input ("same" padding): the in-bounds
/// rows of one patch row are the image's rows shifted by kx − padding, so they are copied as one
/// block and the few columns that the shift carried across a row edge are zeroed after. That
/// is one copy per patch row instead of one per output row: the reference CNN's deeper convs
/// copied 16–64 floats at a time, and the calls, not the bytes, were im2col's cost.
@inline(__always)
private func sameWidthIm2col(
    _ g: ConvGeometry, image: UnsafePointer<Float>, columns: UnsafeMutablePointer<Float>, outputRows: Range<Int>
) {
    let w = g.width, tile = outputRows.count * w
    g.forEachPatchRow { row, planeOffset, ky, kx, xLow, xHigh in
        let dst = columns + row * tile
        // Output rows whose input row y = oy + ky − padding lies inside the image.
        let first = max(outputRows.lowerBound, g.padding - ky)
        let end = min(outputRows.upperBound, g.height + g.padding - ky)
        guard first < end, xLow < xHigh else {
            dst.update(repeating: 0, count: tile)
            return
        }
        let before = (first - outputRows.lowerBound) * w, count = (end - first) * w
        dst.update(repeating: 0, count: before)
        (dst + before + count).update(repeating: 0, count: tile - before - count)
        // dst[j] = src[j + shift] over the block; positions whose x falls outside [0, w) are
        // zeroed below, so only in-block values are read.
        let src = image + planeOffset + (first + ky - g.padding) * w
        let block = dst + before, shift = kx - g.padding
        if shift >= 0 {
            block.update(from: src + shift, count: count - shift)
        } else {
            (block - shift).update(from: src, count: count + shift)
        }
        for r in 0..<(end - first) {
            let line = block + r * w
            for x in 0..<xLow { line[x] = 0 }
            for x in xHigh..<w { line[x] = 0 }
        }
    }
}

/// The adjoint of `im2col`: adds the columns of output rows `outputRows` ([c·kh·kw, rows·ow])
/// into image [c, h, w]. With `clearing`, each row of columns is zeroed once read (while it is
/// still in cache), so the next GEMM can accumulate onto it.
@inline(__always)
func col2im(
    _ g: ConvGeometry, columns: UnsafeMutablePointer<Float>, image: UnsafeMutablePointer<Float>,
    outputRows: Range<Int>, clearing: Bool = false
) {
    let ow = g.outputWidth, tile = outputRows.count * ow
    g.forEachPatchRow { row, planeOffset, ky, kx, xLow, xHigh in
        let srcRow = columns + row * tile
        defer { if clearing { srcRow.update(repeating: 0, count: tile) } }
        guard xLow < xHigh else { return }
        for oy in outputRows {
            let y = oy * g.stride + ky - g.padding
            if y < 0 || y >= g.height { continue }
            let dst = image + planeOffset + y * g.width + kx - g.padding
            let src = srcRow + (oy - outputRows.lowerBound) * ow
            if g.stride == 1 {
                for ox in xLow..<xHigh { dst[ox] += src[ox] }
            } else {
                for ox in xLow..<xHigh { dst[ox * g.stride] += src[ox] }
            }
        }
    }
}

extension ConvGeometry {
    /// Floats one tile of the column matrix may hold: 64 Ki floats (256 KiB), half of a Zen 3
    /// core's L2, so in backward the columns and their gradient fit there together.
    /// (Tests lower it to force several tiles on small images.) Measured once on the reference
    /// CNN, 2026-12-07, 8 interleaved `bench cnn-train` runs with a temporary override of this
    /// value (not kept): one tile per image 224 samples/s (median, 1 thread), this budget 236,
    /// twice it 230 — within the machine's noise, so the gain is small.
    static var tileBudget: Int {
        get { tileBudgetStorage.load(ordering: .relaxed) }
        set { tileBudgetStorage.store(newValue, ordering: .relaxed) }
    }

    /// An atomic, so tests may change the budget while other threads read it.
    private static let tileBudgetStorage = Atomic(65_536)

    /// Floats of one tile: patch rows × the tile's output pixels.
    var tileFloats: Int { patchSize * tileRows * outputWidth }

    /// Output rows per tile: as many as fit `tileBudget` (at least one), spread evenly over
    /// the tiles so the last is not a sliver.
    var tileRows: Int {
        let fit = max(1, Self.tileBudget / max(1, patchSize * outputWidth))
        let tiles = (outputHeight + fit - 1) / fit
        return (outputHeight + tiles - 1) / max(1, tiles)
    }

}
