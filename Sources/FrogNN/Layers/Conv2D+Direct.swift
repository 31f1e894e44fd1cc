/// Direct kernels for a single input channel at stride 1, where im2col + GEMM (K = kh·kw) would
/// be memory bound: each tap is one shifted multiply-add over a whole output row.
extension Conv2D {
    /// out[co, oy, ox] += Σ_{ky,kx} w[co, ky, kx] · x[oy + ky − p, ox + kx − p] (the caller
    /// fills `output` with the bias first). Row by row, so each output row stays in L1 while
    /// its kh·kw taps are added.
    func directForward(
        _ g: ConvGeometry, image: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>
    ) {
        let k = kernelSize, oh = g.outputHeight, ow = g.outputWidth
        for co in 0..<outputChannels {
            let plane = output + co * oh * ow
            let wk = weights + co * k * k
            for oy in 0..<oh {
                let dst = plane + oy * ow
                for ky in 0..<k {
                    let y = oy + ky - g.padding
                    if y < 0 || y >= g.height { continue }
                    for kx in 0..<k {
                        let xLow = max(0, g.padding - kx), xHigh = min(ow, g.width + g.padding - kx)
                        if xLow >= xHigh { continue }
                        let wv = wk[ky * k + kx]
                        let src = image + y * g.width + kx - g.padding
                        for ox in xLow..<xHigh { dst[ox] += wv * src[ox] }
                    }
                }
            }
        }
    }

    /// dW[co, ky, kx] += Σ dY[co, oy, ox] · x[oy + ky − p, ox + kx − p];
    /// dX[y, x] += Σ w[co, ky, kx] · dY[co, y − ky + p, x − kx + p] when `gradImage` is given.
    func directBackward(
        _ g: ConvGeometry, image: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        gradOutput: UnsafePointer<Float>, gradWeights: UnsafeMutablePointer<Float>,
        gradImage: UnsafeMutablePointer<Float>?
    ) {
        let k = kernelSize, oh = g.outputHeight, ow = g.outputWidth
        for co in 0..<outputChannels {
            let plane = gradOutput + co * oh * ow
            for ky in 0..<k {
                for kx in 0..<k {
                    let xLow = max(0, g.padding - kx), xHigh = min(ow, g.width + g.padding - kx)
                    if xLow >= xHigh { continue }
                    var sum: Float = 0
                    let wv = weights[(co * k + ky) * k + kx]
                    for oy in 0..<oh {
                        let y = oy + ky - g.padding
                        if y < 0 || y >= g.height { continue }
                        let src = image + y * g.width + kx - g.padding
                        let d = plane + oy * ow
                        sum += VectorKernels.dot(d + xLow, src + xLow, count: xHigh - xLow)
                        if let gradImage {
                            let dst = gradImage + y * g.width + kx - g.padding
                            for ox in xLow..<xHigh { dst[ox] += wv * d[ox] }
                        }
                    }
                    gradWeights[(co * k + ky) * k + kx] += sum
                }
            }
        }
    }
}
