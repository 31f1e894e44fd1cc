/// Direct kernels for a single input channel at stride 1, where im2col + GEMM (K = kh·kw) would
/// be memory bound. The image is first copied into a zero-padded plane (`directScratchCount`),
/// so every tap of every output is an in-bounds, 8-wide load with no edge tests.
extension Conv2D {
    /// Output channels computed together in `directForward`: each tap's input vector is loaded
    /// once and used four times, which keeps the loop bound by arithmetic, not by loads.
    static let channelBlock = 4

    /// Width of the padded plane: the output width rounded up to whole 8-wide vectors, plus
    /// the kernel's reach (k − 1), so the last vector's last tap stays inside the row.
    private func paddedWidth(_ g: ConvGeometry) -> Int {
        (g.outputWidth + 7) / 8 * 8 + kernelSize - 1
    }

    /// Floats of the padded plane (`directForward` and `directBackward` scratch).
    func directScratchCount(_ g: ConvGeometry) -> Int {
        (g.outputHeight + kernelSize - 1) * paddedWidth(g)
    }

    /// Copies `image` [h, w] into `plane` with `padding` zeros on the top and left and zeros
    /// beyond it up to the plane's size.
    func fillPadded(_ g: ConvGeometry, image: UnsafePointer<Float>, plane: UnsafeMutablePointer<Float>) {
        let pw = paddedWidth(g)
        plane.update(repeating: 0, count: directScratchCount(g))
        for y in 0..<g.height {
            (plane + (y + g.padding) * pw + g.padding).update(from: image + y * g.width, count: g.width)
        }
    }

    /// Eight floats from `p` (unaligned).
    @inline(__always)
    private func vector(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    private func vector(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> { vector(UnsafePointer(p)) }

    /// Stores eight floats at `p` (unaligned).
    @inline(__always)
    private func put(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }

    /// Offsets of the k·k taps in the padded plane, in (ky, kx) order.
    private func tapOffsets(_ g: ConvGeometry) -> [Int] {
        let k = kernelSize, pw = paddedWidth(g)
        return (0..<k * k).map { ($0 / k) * pw + $0 % k }
    }

    /// out[co, oy, ox] += Σ_{ky,kx} w[co, ky, kx] · x[oy + ky − p, ox + kx − p] (the caller
    /// fills `output` with the bias first). Taps are added in (ky, kx) order onto the bias, as
    /// the row-by-row kernel this replaces did, so the output is the same to the bit.
    func directForward(
        _ g: ConvGeometry, image: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        fillPadded(g, image: image, plane: scratch)
        directForward(g, padded: scratch, weights: weights, output: output, channels: 0..<outputChannels)
    }

    /// `directForward` for the output channels `channels` from an image already in the padded
    /// plane (`fillPadded`); channel `channels.lowerBound + i` goes to plane i of `output`.
    func directForward(
        _ g: ConvGeometry, padded scratch: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>, channels: Range<Int>
    ) {
        let taps = kernelSize * kernelSize, oh = g.outputHeight, ow = g.outputWidth, pw = paddedWidth(g)
        let plane = oh * ow
        tapOffsets(g).withUnsafeBufferPointer { offsets in
            var co = channels.lowerBound
            while co + Self.channelBlock <= channels.upperBound {
                let w0 = weights + co * taps, w1 = w0 + taps, w2 = w1 + taps, w3 = w2 + taps
                let out = output + (co - channels.lowerBound) * plane
                for oy in 0..<oh {
                    let src = scratch + oy * pw
                    var x0 = 0
                    // Sixteen outputs per channel at a time: eight independent sums instead of
                    // four, so the adds' latency no longer bounds the loop (same order per sum).
                    while x0 + 16 <= ow {
                        let at = out + oy * ow + x0
                        var a0 = vector(at), b0 = vector(at + 8), a1 = vector(at + plane), b1 = vector(at + plane + 8)
                        var a2 = vector(at + 2 * plane), b2 = vector(at + 2 * plane + 8)
                        var a3 = vector(at + 3 * plane), b3 = vector(at + 3 * plane + 8)
                        for t in 0..<taps {
                            let v = vector(src + offsets[t] + x0), u = vector(src + offsets[t] + x0 + 8)
                            let c0 = w0[t], c1 = w1[t], c2 = w2[t], c3 = w3[t]
                            a0 += v * c0
                            b0 += u * c0
                            a1 += v * c1
                            b1 += u * c1
                            a2 += v * c2
                            b2 += u * c2
                            a3 += v * c3
                            b3 += u * c3
                        }
                        put(a0, at)
                        put(b0, at + 8)
                        put(a1, at + plane)
                        put(b1, at + plane + 8)
                        put(a2, at + 2 * plane)
                        put(b2, at + 2 * plane + 8)
                        put(a3, at + 3 * plane)
                        put(b3, at + 3 * plane + 8)
                        x0 += 16
                    }
                    while x0 < ow {
                        let at = out + oy * ow + x0, lanes = min(8, ow - x0)
                        var a0 = load(at, lanes), a1 = load(at + plane, lanes)
                        var a2 = load(at + 2 * plane, lanes), a3 = load(at + 3 * plane, lanes)
                        for t in 0..<taps {
                            let v = UnsafeRawPointer(src + offsets[t] + x0).loadUnaligned(as: SIMD8<Float>.self)
                            a0 += v * w0[t]
                            a1 += v * w1[t]
                            a2 += v * w2[t]
                            a3 += v * w3[t]
                        }
                        store(a0, at, lanes)
                        store(a1, at + plane, lanes)
                        store(a2, at + 2 * plane, lanes)
                        store(a3, at + 3 * plane, lanes)
                        x0 += 8
                    }
                }
                co += Self.channelBlock
            }
            while co < channels.upperBound {
                let w0 = weights + co * taps, out = output + (co - channels.lowerBound) * plane
                for oy in 0..<oh {
                    let src = scratch + oy * pw
                    var x0 = 0
                    while x0 < ow {
                        let at = out + oy * ow + x0, lanes = min(8, ow - x0)
                        var a0 = load(at, lanes)
                        for t in 0..<taps {
                            a0 += UnsafeRawPointer(src + offsets[t] + x0).loadUnaligned(as: SIMD8<Float>.self) * w0[t]
                        }
                        store(a0, at, lanes)
                        x0 += 8
                    }
                }
                co += 1
            }
        }
    }

    /// dW[co, ky, kx] += Σ dY[co, oy, ox] · x[oy + ky − p, ox + kx − p];
    /// dX[y, x] += Σ w[co, ky, kx] · dY[co, y − ky + p, x − kx + p] when `gradImage` is given.
    func directBackward(
        _ g: ConvGeometry, image: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        gradOutput: UnsafePointer<Float>, gradWeights: UnsafeMutablePointer<Float>,
        gradImage: UnsafeMutablePointer<Float>?, scratch: UnsafeMutablePointer<Float>
    ) {
        fillPadded(g, image: image, plane: scratch)
        let taps = kernelSize * kernelSize, oh = g.outputHeight, ow = g.outputWidth, pw = paddedWidth(g)
        let full = ow / 8 * 8
        tapOffsets(g).withUnsafeBufferPointer { offsets in
            for co in 0..<outputChannels {
                let dPlane = gradOutput + co * oh * ow
                // One tap at a time over the whole plane: two loads per multiply-add, both from
                // planes that stay in L1/L2 across the taps.
                for t in 0..<taps {
                    var acc0 = SIMD8<Float>(), acc1 = SIMD8<Float>()
                    var tail: Float = 0
                    for oy in 0..<oh {
                        let d = dPlane + oy * ow, x = UnsafePointer(scratch) + oy * pw + offsets[t]
                        var x0 = 0
                        while x0 + 16 <= full {
                            acc0 += UnsafeRawPointer(d + x0).loadUnaligned(as: SIMD8<Float>.self)
                                * UnsafeRawPointer(x + x0).loadUnaligned(as: SIMD8<Float>.self)
                            acc1 += UnsafeRawPointer(d + x0 + 8).loadUnaligned(as: SIMD8<Float>.self)
                                * UnsafeRawPointer(x + x0 + 8).loadUnaligned(as: SIMD8<Float>.self)
                            x0 += 16
                        }
                        if x0 < full {
                            acc0 += UnsafeRawPointer(d + x0).loadUnaligned(as: SIMD8<Float>.self)
                                * UnsafeRawPointer(x + x0).loadUnaligned(as: SIMD8<Float>.self)
                            x0 += 8
                        }
                        while x0 < ow { tail += d[x0] * x[x0]; x0 += 1 }
                    }
                    gradWeights[co * taps + t] += (acc0 + acc1).sum() + tail
                }
            }
        }
        guard let gradImage else { return }
        let k = kernelSize
        for co in 0..<outputChannels {
            let plane = gradOutput + co * oh * ow
            for ky in 0..<k {
                for kx in 0..<k {
                    let xLow = max(0, g.padding - kx), xHigh = min(ow, g.width + g.padding - kx)
                    if xLow >= xHigh { continue }
                    let wv = weights[(co * k + ky) * k + kx]
                    for oy in 0..<oh {
                        let y = oy + ky - g.padding
                        if y < 0 || y >= g.height { continue }
                        let dst = gradImage + y * g.width + kx - g.padding
                        let d = plane + oy * ow
                        for ox in xLow..<xHigh { dst[ox] += wv * d[ox] }
                    }
                }
            }
        }
    }
}
