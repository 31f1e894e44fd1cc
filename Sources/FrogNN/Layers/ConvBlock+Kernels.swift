/// The fused block's per-plane backward kernels over pooled outputs (they touch no block state).
extension ConvBlock {
    /// Σg and Σg·x̂ over one pooled plane, g = dY where the window's winner y = scale·z + shift
    /// passed the ReLU (`winners`: each window's z). Eight outputs at a time with masks instead
    /// of branches: the ReLU test is a coin flip per output, and a mispredicted branch cost more
    /// than the rest of the loop.
    @inline(__always)
    func pooledGradientSums(
        count: Int, gradOutput gp: UnsafePointer<Float>, winners zw: UnsafePointer<Float>,
        scale a: Float, shift b: Float, relu: Bool, mean: Float, inverseStd: Float
    ) -> (Float, Float) {
        var sumG = SIMD8<Float>(), sumGX = SIMD8<Float>()
        let zero = SIMD8<Float>()
        var o = 0
        while o + 8 <= count {
            let v = UnsafeRawPointer(zw + o).loadUnaligned(as: SIMD8<Float>.self)
            var g = UnsafeRawPointer(gp + o).loadUnaligned(as: SIMD8<Float>.self)
            if relu { g.replace(with: zero, where: v * a + b .<= zero) }
            sumG += g
            sumGX += g * ((v - mean) * inverseStd)
            o += 8
        }
        var tailG = sumG.sum(), tailGX = sumGX.sum()
        while o < count {
            let v = zw[o]
            let g: Float = relu && v * a + b <= 0 ? 0 : gp[o]
            tailG += g
            tailGX += g * ((v - mean) * inverseStd)
            o += 1
        }
        return (tailG, tailGX)
    }

    /// dz[argmax] += gain·g over one pooled plane, g masked by the ReLU as in
    /// `pooledGradientSums` (masked lanes add zero). Lanes are added one by one, so windows that
    /// share a winner (overlapping pools) add up.
    @inline(__always)
    func scatterPooledGradient(
        count: Int, gradOutput gp: UnsafePointer<Float>, argmax arg: UnsafePointer<Int32>,
        convOutput zp: UnsafePointer<Float>, scale a: Float, shift b: Float, relu: Bool, gain: Float,
        into dz: UnsafeMutablePointer<Float>
    ) {
        let zero = SIMD8<Float>()
        var o = 0
        while o + 8 <= count {
            var v = SIMD8<Float>()
            for lane in 0..<8 { v[lane] = zp[Int(arg[o + lane])] }
            var g = UnsafeRawPointer(gp + o).loadUnaligned(as: SIMD8<Float>.self) * gain
            if relu { g.replace(with: zero, where: v * a + b .<= zero) }
            for lane in 0..<8 { dz[Int(arg[o + lane])] += g[lane] }
            o += 8
        }
        while o < count {
            let index = Int(arg[o])
            if !relu || zp[index] * a + b > 0 { dz[index] += gain * gp[o] }
            o += 1
        }
    }
}
