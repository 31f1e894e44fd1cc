/// Reductions written with SIMD accumulators: Swift will not reorder a scalar Float sum (it is
/// not associative), so without explicit lanes these loops would run one element per cycle.
enum VectorKernels {
    /// Σ x[i].
    @inline(__always)
    static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var acc0 = SIMD8<Float>(), acc1 = SIMD8<Float>()
        var i = 0
        while i + 16 <= count {
            acc0 += UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            acc1 += UnsafeRawPointer(x + i + 8).loadUnaligned(as: SIMD8<Float>.self)
            i += 16
        }
        var s = (acc0 + acc1).sum()
        while i < count { s += x[i]; i += 1 }
        return s
    }

    /// Σ x[i]·y[i].
    @inline(__always)
    static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
        var acc0 = SIMD8<Float>(), acc1 = SIMD8<Float>()
        var i = 0
        while i + 16 <= count {
            acc0 += UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
                * UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self)
            acc1 += UnsafeRawPointer(x + i + 8).loadUnaligned(as: SIMD8<Float>.self)
                * UnsafeRawPointer(y + i + 8).loadUnaligned(as: SIMD8<Float>.self)
            i += 16
        }
        var s = (acc0 + acc1).sum()
        while i < count { s += x[i] * y[i]; i += 1 }
        return s
    }

    /// Σ (x[i] − center)².
    @inline(__always)
    static func squaredDeviations(_ x: UnsafePointer<Float>, count: Int, center: Float) -> Float {
        var acc0 = SIMD8<Float>(), acc1 = SIMD8<Float>()
        let c = SIMD8<Float>(repeating: center)
        var i = 0
        while i + 16 <= count {
            let d0 = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self) - c
            let d1 = UnsafeRawPointer(x + i + 8).loadUnaligned(as: SIMD8<Float>.self) - c
            acc0 += d0 * d0
            acc1 += d1 * d1
            i += 16
        }
        var s = (acc0 + acc1).sum()
        while i < count { s += (x[i] - center) * (x[i] - center); i += 1 }
        return s
    }

    /// (Σ (x[i] − center), Σ (x[i] − center)²) in one pass: BatchNorm's batch moments, shifted
    /// by a nearby value (the running mean) so the variance E[d²] − E[d]² does not cancel.
    @inline(__always)
    static func shiftedMoments(_ x: UnsafePointer<Float>, count: Int, center: Float) -> (Float, Float) {
        var sum0 = SIMD8<Float>(), sum1 = SIMD8<Float>(), sq0 = SIMD8<Float>(), sq1 = SIMD8<Float>()
        let c = SIMD8<Float>(repeating: center)
        var i = 0
        while i + 16 <= count {
            let d0 = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self) - c
            let d1 = UnsafeRawPointer(x + i + 8).loadUnaligned(as: SIMD8<Float>.self) - c
            sum0 += d0
            sum1 += d1
            sq0 += d0 * d0
            sq1 += d1 * d1
            i += 16
        }
        var s = (sum0 + sum1).sum(), q = (sq0 + sq1).sum()
        while i < count {
            let d = x[i] - center
            s += d
            q += d * d
            i += 1
        }
        return (s, q)
    }

    /// y[i] = scale·x[i] + shift, then max(0, ·) when `relu` (negative values to 0, −0 kept):
    /// the same operations, so the same bits, as `maxPoolPlane`'s map.
    @inline(__always)
    static func affine(
        _ x: UnsafePointer<Float>, count: Int, scale: Float, shift: Float, relu: Bool,
        into y: UnsafeMutablePointer<Float>
    ) {
        let a = SIMD8<Float>(repeating: scale), b = SIMD8<Float>(repeating: shift), zero = SIMD8<Float>()
        var i = 0
        while i + 8 <= count {
            var v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self) * a + b
            if relu { v.replace(with: zero, where: v .< zero) }
            UnsafeMutableRawPointer(y + i).storeBytes(of: v, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            let v = x[i] * scale + shift
            y[i] = relu && v < 0 ? 0 : v
            i += 1
        }
    }
}
