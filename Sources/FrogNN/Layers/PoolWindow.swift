/// Window geometry of a 2-D pool over one [h, w] plane: a ph × pw window moved by sh rows and
/// sw columns, no padding (windows that do not fit are dropped, PyTorch's `ceil_mode=False`).
/// Rectangular windows such as (2, 1) pool frequency only and keep every time step (CRNN).
public struct PoolWindow: Equatable, Sendable {
    public var height: Int
    public var width: Int
    public var strideHeight: Int
    public var strideWidth: Int

    /// A window of height × width; the strides default to the window (non-overlapping).
    public init(height: Int, width: Int, strideHeight: Int? = nil, strideWidth: Int? = nil) {
        precondition(height >= 1 && width >= 1, "pool window must be positive, got \(height)x\(width)")
        self.height = height
        self.width = width
        self.strideHeight = strideHeight ?? height
        self.strideWidth = strideWidth ?? width
        precondition(self.strideHeight >= 1 && self.strideWidth >= 1, "pool stride must be positive")
    }

    /// Output [oh, ow] for an input plane [h, w] (zero or negative when the window does not fit).
    public func outputSize(height h: Int, width w: Int) -> (height: Int, width: Int) {
        ((h - height) / strideHeight + 1, (w - width) / strideWidth + 1)
    }
}

/// Max pooling of one plane [h, w] → [oh, ow] after the per-element map
/// v ↦ scale·v + shift (then max(0, ·) when `relu`), recording the flat index in the plane of
/// each window's maximum. Ties go to the first maximum in row-major window order, as in
/// PyTorch. The identity map (1, 0, no ReLU) is plain max pooling; BatchNorm's affine map with
/// ReLU is the fused conv block's epilogue.
///
/// Two steps per output row: the maximum down each column of the window's rows, eight columns
/// at a time (SIMD), then across each window's columns, breaking equal values by row so the
/// row-major tie rule holds (also SIMD for 2-wide and 1-wide windows). Indices are computed in
/// Float, exact for planes below 2²³ elements. `scratch` holds 2·w floats.
@inline(__always)
func maxPoolPlane(
    _ p: PoolWindow, height h: Int, width w: Int, input: UnsafePointer<Float>, scale: Float,
    shift: Float, relu: Bool, output: UnsafeMutablePointer<Float>,
    argmax: UnsafeMutablePointer<Int32>?, scratch: UnsafeMutablePointer<Float>
) {
    precondition(h * w < 1 << 23, "maxPoolPlane: plane of \(h)x\(w) too large for Float indices")
    let (oh, ow) = p.outputSize(height: h, width: w)
    let kh = p.height, kw = p.width, sh = p.strideHeight, sw = p.strideWidth
    if argmax == nil && kh == 2 && kw == 2 && sh == 2 && sw == 2 {
        mappedMaxPool2x2(height: oh, width: ow, rowLength: w, input: input, scale: scale, shift: shift, relu: relu, output: output)
        return
    }
    let usedWidth = (ow - 1) * sw + kw
    let columnBest = scratch, columnRow = scratch + w
    let scaleV = SIMD8<Float>(repeating: scale), shiftV = SIMD8<Float>(repeating: shift)
    let zeroV = SIMD8<Float>()
    @inline(__always) func mapped(_ v: SIMD8<Float>) -> SIMD8<Float> {
        let a = v * scaleV + shiftV
        return relu ? a.replacing(with: zeroV, where: a .< zeroV) : a
    }
    @inline(__always) func mapped(_ v: Float) -> Float {
        let a = v * scale + shift
        return relu && a < 0 ? 0 : a
    }
    for qy in 0..<oh {
        let top = input + qy * sh * w
        var x = 0
        while x + 8 <= usedWidth {
            var best = mapped(UnsafeRawPointer(top + x).loadUnaligned(as: SIMD8<Float>.self))
            var row = SIMD8<Float>()
            var dy = 1
            while dy < kh {
                let v = mapped(UnsafeRawPointer(top + dy * w + x).loadUnaligned(as: SIMD8<Float>.self))
                let wins = v .> best
                best.replace(with: v, where: wins)
                row.replace(with: Float(dy), where: wins)
                dy += 1
            }
            UnsafeMutableRawPointer(columnBest + x).storeBytes(of: best, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(columnRow + x).storeBytes(of: row, as: SIMD8<Float>.self)
            x += 8
        }
        while x < usedWidth {
            var best = mapped(top[x]), row: Float = 0
            for dy in 1..<kh {
                let v = mapped(top[dy * w + x])
                if v > best { best = v; row = Float(dy) }
            }
            columnBest[x] = best
            columnRow[x] = row
            x += 1
        }
        let out = output + qy * ow
        let rowBase = Float(qy * sh)
        var qx = 0
        // The common windows, eight outputs at a time: 2 wide (stride 2), and 1 wide (stride 1,
        // the frequency-only pool, where the column maxima are the outputs).
        if kw == 2 && sw == 2 {
            while qx + 8 <= ow {
                let lo = UnsafeRawPointer(columnBest + 2 * qx).loadUnaligned(as: SIMD16<Float>.self)
                let rows = UnsafeRawPointer(columnRow + 2 * qx).loadUnaligned(as: SIMD16<Float>.self)
                let left = lo.evenHalf, right = lo.oddHalf
                let leftRow = rows.evenHalf, rightRow = rows.oddHalf
                let takeRight = (right .> left) .| ((right .== left) .& (rightRow .< leftRow))
                let best = left.replacing(with: right, where: takeRight)
                let row = leftRow.replacing(with: rightRow, where: takeRight)
                var column = SIMD8<Float>(0, 2, 4, 6, 8, 10, 12, 14) + Float(2 * qx)
                column.replace(with: column + 1, where: takeRight)
                UnsafeMutableRawPointer(out + qx).storeBytes(of: best, as: SIMD8<Float>.self)
                if let argmax {
                    let index = (row + rowBase) * Float(w) + column
                    UnsafeMutableRawPointer(argmax + qy * ow + qx).storeBytes(
                        of: exactInt32(index), as: SIMD8<Int32>.self)
                }
                qx += 8
            }
        } else if kw == 1 && sw == 1 {
            while qx + 8 <= ow {
                let best = UnsafeRawPointer(columnBest + qx).loadUnaligned(as: SIMD8<Float>.self)
                let row = UnsafeRawPointer(columnRow + qx).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(out + qx).storeBytes(of: best, as: SIMD8<Float>.self)
                if let argmax {
                    let column = SIMD8<Float>(0, 1, 2, 3, 4, 5, 6, 7) + Float(qx)
                    let index = (row + rowBase) * Float(w) + column
                    UnsafeMutableRawPointer(argmax + qy * ow + qx).storeBytes(
                        of: exactInt32(index), as: SIMD8<Int32>.self)
                }
                qx += 8
            }
        }
        while qx < ow {
            var column = qx * sw
            var best = columnBest[column], row = columnRow[column]
            for c in (column + 1)..<(qx * sw + kw) {
                let v = columnBest[c]
                if v > best || (v == best && columnRow[c] < row) {
                    best = v
                    row = columnRow[c]
                    column = c
                }
            }
            out[qx] = best
            if let argmax { argmax[qy * ow + qx] = Int32((qy * sh + Int(row)) * w + column) }
            qx += 1
        }
    }
}

/// `maxPoolPlane` for the 2 × 2 window without argmax (inference): the map v ↦ scale·v + shift
/// (then ReLU) is monotone, non-decreasing for scale ≥ 0 and non-increasing below, also after
/// rounding, so the largest mapped value of a window is the map of its largest value (of its
/// smallest when scale < 0): one map per output instead of four, and the same outputs.
@inline(__always)
private func mappedMaxPool2x2(
    height oh: Int, width ow: Int, rowLength w: Int, input: UnsafePointer<Float>, scale: Float, shift: Float,
    relu: Bool, output: UnsafeMutablePointer<Float>
) {
    let increasing = scale >= 0
    let scaleV = SIMD8<Float>(repeating: scale), shiftV = SIMD8<Float>(repeating: shift), zeroV = SIMD8<Float>()
    for qy in 0..<oh {
        let top = input + 2 * qy * w, bottom = top + w, out = output + qy * ow
        var qx = 0
        while qx + 8 <= ow {
            let t = UnsafeRawPointer(top + 2 * qx).loadUnaligned(as: SIMD16<Float>.self)
            let b = UnsafeRawPointer(bottom + 2 * qx).loadUnaligned(as: SIMD16<Float>.self)
            var pick: SIMD8<Float>
            if increasing {
                let column = t.replacing(with: b, where: b .> t)
                pick = column.evenHalf.replacing(with: column.oddHalf, where: column.oddHalf .> column.evenHalf)
            } else {
                let column = t.replacing(with: b, where: b .< t)
                pick = column.evenHalf.replacing(with: column.oddHalf, where: column.oddHalf .< column.evenHalf)
            }
            var mapped = pick * scaleV + shiftV
            if relu { mapped.replace(with: zeroV, where: mapped .< zeroV) }
            UnsafeMutableRawPointer(out + qx).storeBytes(of: mapped, as: SIMD8<Float>.self)
            qx += 8
        }
        while qx < ow {
            let a = top[2 * qx], b = top[2 * qx + 1], c = bottom[2 * qx], d = bottom[2 * qx + 1]
            let pick = increasing ? max(max(a, b), max(c, d)) : min(min(a, b), min(c, d))
            let mapped = pick * scale + shift
            out[qx] = relu && mapped < 0 ? 0 : mapped
            qx += 1
        }
    }
}

/// The 2 × 2 (stride 2) windows of one plane [h, w]: each window's largest value (smallest
/// when `increasing` is false) into `winners` and its flat index in the plane into `argmax`,
/// ties to the first in row-major order. The fused conv block runs this on the conv output
/// while it is still in cache: BatchNorm's map y = ReLU(a·z + b) is monotone (after rounding
/// too), non-decreasing for a ≥ 0, so the window's largest y is the map of its largest z (of
/// its smallest when a < 0) and the batch-sized pass after the statistics reads a quarter of
/// the plane. Where rounding gives two different z the same y, the winner is the larger z,
/// where `maxPoolPlane` takes the first: an equally valid subgradient, with the same outputs.
@inline(__always)
func extremePool2x2(
    height oh: Int, width ow: Int, rowLength w: Int, input: UnsafePointer<Float>, increasing: Bool,
    winners: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>
) {
    let lanes = SIMD8<Int32>(0, 2, 4, 6, 8, 10, 12, 14)
    for qy in 0..<oh {
        let top = input + 2 * qy * w, bottom = top + w
        let out = winners + qy * ow, arg = argmax + qy * ow
        let rowBase = Int32(2 * qy * w)
        var qx = 0
        while qx + 8 <= ow {
            let t = UnsafeRawPointer(top + 2 * qx).loadUnaligned(as: SIMD16<Float>.self)
            let b = UnsafeRawPointer(bottom + 2 * qx).loadUnaligned(as: SIMD16<Float>.self)
            // Per column the better of its two rows (the top one on ties), then per window the
            // better column: the right one only if better, or equal and from the top row.
            let lower = increasing ? b .> t : b .< t
            let column = t.replacing(with: b, where: lower)
            let left = column.evenHalf, right = column.oddHalf
            let lowRow = SIMD16<Int32>(repeating: 0).replacing(with: 1, where: lower)
            let leftLow = lowRow.evenHalf, rightLow = lowRow.oddHalf
            let better = increasing ? right .> left : right .< left
            let takeRight = better .| ((right .== left) .& (rightLow .< leftLow))
            let best = left.replacing(with: right, where: takeRight)
            let row = leftLow.replacing(with: rightLow, where: takeRight)
            var index = lanes &+ (rowBase &+ Int32(2 * qx)) &+ row &* Int32(w)
            index.replace(with: index &+ 1, where: takeRight)
            UnsafeMutableRawPointer(out + qx).storeBytes(of: best, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(arg + qx).storeBytes(of: index, as: SIMD8<Int32>.self)
            qx += 8
        }
        while qx < ow {
            var best = top[2 * qx], index = 2 * qx
            @inline(__always) func consider(_ offset: Int) {
                let v = top[offset]
                if increasing ? v > best : v < best {
                    best = v
                    index = offset
                }
            }
            consider(2 * qx + 1)
            consider(w + 2 * qx)
            consider(w + 2 * qx + 1)
            out[qx] = best
            arg[qx] = rowBase + Int32(index)
            qx += 1
        }
    }
}

/// Whole numbers 0 ≤ v < 2²³ held in Floats, as Int32: adding 2²³ puts v in the low mantissa
/// bits. (The standard library's SIMD conversion goes lane by lane through generic code: a
/// fifth of CRNN training time in the profile.)
@inline(__always)
private func exactInt32(_ v: SIMD8<Float>) -> SIMD8<Int32> {
    let shifted = v + SIMD8<Float>(repeating: 8_388_608)
    return unsafeBitCast(shifted, to: SIMD8<Int32>.self) & SIMD8<Int32>(repeating: 0x7F_FFFF)
}
