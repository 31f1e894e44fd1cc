// Vectorised element-wise kernels the recurrent layers share.
// The gate non-linearities run on N·T·4H elements per direction and pass, as many as the GEMMs'
// multiply-adds divided by H, so scalar libm calls (≈10–20 ns for tanhf) would cost as much as
// the matrix products; an 8-lane polynomial exp keeps them a small fraction.

typealias Vector8 = SIMD8<Float>

/// e^x for 8 lanes (Cephes expf polynomial: about 1 ulp on the clamped range).
@inline(__always)
func exponential(_ input: Vector8) -> Vector8 {
    // Clamped so that 2^n stays a normal float; beyond this e^x saturates the gates anyway.
    // (`clamped` compiles to an out-of-line lane loop; masked replacement stays vectorised.)
    let low = Vector8(repeating: -87.0), high = Vector8(repeating: 88.0)
    var x = input
    x.replace(with: low, where: x .< low)
    x.replace(with: high, where: x .> high)
    // Round x·log2(e) to the nearest integer by adding 1.5·2^23: the sum's low mantissa bits
    // then hold the integer (the SIMD rounding and Float→Int conversions are lane-by-lane
    // generic code in the standard library, an order of magnitude slower than this).
    let magic = Vector8(repeating: 12_582_912)
    let shifted = x * 1.442_695_04 + magic
    let n = shifted - magic
    // x − n·ln2 with ln2 split in two parts so the reduction stays exact in Float32.
    let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
    var p: Vector8 = Vector8(repeating: 1.987_569_15e-4)
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_59e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_12e-1
    p = p * (r * r) + r + 1
    // 2^n from the integer in `shifted`'s mantissa (0x4B40_0000 is 1.5·2^23's bit pattern).
    let exponentBits = (unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000 &+ 127) &<< 23
    return p * unsafeBitCast(exponentBits, to: Vector8.self)
}

/// 1 / (1 + e^−x).
@inline(__always)
func sigmoid(_ x: Vector8) -> Vector8 {
    1 / (1 + exponential(-x))
}

/// tanh x = 2σ(2x) − 1 (absolute error ≈ 1e-7, which is what the gates need).
@inline(__always)
func hyperbolicTangent(_ x: Vector8) -> Vector8 {
    2 / (1 + exponential(-2 * x)) - 1
}

/// Loads `count` (≤ 8) floats; missing lanes are zero.
@inline(__always)
func load(_ p: UnsafePointer<Float>, _ count: Int) -> Vector8 {
    if count == 8 { return UnsafeRawPointer(p).loadUnaligned(as: Vector8.self) }
    var v = Vector8()
    for lane in 0..<count { v[lane] = p[lane] }
    return v
}

@inline(__always)
func load(_ p: UnsafeMutablePointer<Float>, _ count: Int) -> Vector8 {
    load(UnsafePointer(p), count)
}

/// Stores the first `count` (≤ 8) lanes.
@inline(__always)
func store(_ v: Vector8, _ p: UnsafeMutablePointer<Float>, _ count: Int) {
    if count == 8 {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector8.self)
        return
    }
    for lane in 0..<count { p[lane] = v[lane] }
}

/// p[i] = σ(p[i] + bias[i]) for i < count.
@inline(__always)
func sigmoidInPlace(_ p: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, count: Int) {
    var j = 0
    while j < count {
        let w = min(8, count - j)
        store(sigmoid(load(p + j, w) + load(bias + j, w)), p + j, w)
        j += 8
    }
}

/// p[i] = tanh(p[i] + bias[i]) for i < count.
@inline(__always)
func tanhInPlace(_ p: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, count: Int) {
    var j = 0
    while j < count {
        let w = min(8, count - j)
        store(hyperbolicTangent(load(p + j, w) + load(bias + j, w)), p + j, w)
        j += 8
    }
}

/// sums[j] += Σ_rows matrix[row, j] for a row-major rows × columns matrix, as one GEMV against
/// a vector of ones (`ones` holds at least `rows` ones): the matrix streams through once.
func addColumnSums(
    of matrix: UnsafePointer<Float>, rows: Int, columns: Int, ones: UnsafePointer<Float>,
    into sums: UnsafeMutablePointer<Float>
) {
    BLAS.gemv(transpose: true, m: rows, n: columns, a: matrix, lda: columns, x: ones, beta: 1, y: sums)
}
