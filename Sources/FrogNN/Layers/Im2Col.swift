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
}

/// Unfolds one image [c, h, w] into columns [c·kh·kw, oh·ow] (zero where the window hangs
/// over the padding), so a convolution becomes one GEMM.
@inline(__always)
func im2col(_ g: ConvGeometry, image: UnsafePointer<Float>, columns: UnsafeMutablePointer<Float>) {
    let oh = g.outputHeight, ow = g.outputWidth
    var row = 0
    for c in 0..<g.channels {
        let plane = image + c * g.height * g.width
        for ky in 0..<g.kernelHeight {
            for kx in 0..<g.kernelWidth {
                let dst = columns + row * oh * ow
                // Output columns whose input x = ox·s + kx − p lies inside [0, w).
                let xLow = max(0, (g.padding - kx + g.stride - 1) / g.stride)
                let xHigh = min(ow, (g.width + g.padding - kx + g.stride - 1) / g.stride)
                for oy in 0..<oh {
                    let y = oy * g.stride + ky - g.padding
                    let out = dst + oy * ow
                    if y < 0 || y >= g.height || xLow >= xHigh {
                        out.update(repeating: 0, count: ow)
                        continue
                    }
                    if xLow > 0 { out.update(repeating: 0, count: xLow) }
                    if xHigh < ow { (out + xHigh).update(repeating: 0, count: ow - xHigh) }
                    let src = plane + y * g.width + kx - g.padding
                    if g.stride == 1 {
                        (out + xLow).update(from: src + xLow, count: xHigh - xLow)
                    } else {
                        for ox in xLow..<xHigh { out[ox] = src[ox * g.stride] }
                    }
                }
                row += 1
            }
        }
    }
}

/// The adjoint of `im2col`: adds columns [c·kh·kw, oh·ow] back into image [c, h, w]
/// (which the caller zeroes first).
@inline(__always)
func col2im(_ g: ConvGeometry, columns: UnsafePointer<Float>, image: UnsafeMutablePointer<Float>) {
    let oh = g.outputHeight, ow = g.outputWidth
    var row = 0
    for c in 0..<g.channels {
        let plane = image + c * g.height * g.width
        for ky in 0..<g.kernelHeight {
            for kx in 0..<g.kernelWidth {
                let srcRow = columns + row * oh * ow
                let xLow = max(0, (g.padding - kx + g.stride - 1) / g.stride)
                let xHigh = min(ow, (g.width + g.padding - kx + g.stride - 1) / g.stride)
                if xLow < xHigh {
                    for oy in 0..<oh {
                        let y = oy * g.stride + ky - g.padding
                        if y < 0 || y >= g.height { continue }
                        let dst = plane + y * g.width + kx - g.padding
                        let src = srcRow + oy * ow
                        if g.stride == 1 {
                            for ox in xLow..<xHigh { dst[ox] += src[ox] }
                        } else {
                            for ox in xLow..<xHigh { dst[ox * g.stride] += src[ox] }
                        }
                    }
                }
                row += 1
            }
        }
    }
}
