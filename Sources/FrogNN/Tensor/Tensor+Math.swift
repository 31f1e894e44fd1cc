/// The few whole-tensor operations callers outside the layers need (tests, losses, optimisers).
extension Tensor {
    /// Matrix product of two rank-2 tensors on cblas: [m, k] · [k, n] → [m, n].
    public static func matmul(
        _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false
    ) -> Tensor {
        precondition(a.rank == 2 && b.rank == 2, "matmul: rank-2 tensors only")
        let m = transposeA ? a.shape[1] : a.shape[0]
        let k = transposeA ? a.shape[0] : a.shape[1]
        let kb = transposeB ? b.shape[1] : b.shape[0]
        let n = transposeB ? b.shape[0] : b.shape[1]
        precondition(k == kb, "matmul: inner sizes \(k) and \(kb) differ")
        var out = Tensor(zeros: [m, n])
        a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                out.data.withUnsafeMutableBufferPointer { pc in
                    BLAS.gemm(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                        a: pa.baseAddress!, lda: a.shape[1], b: pb.baseAddress!, ldb: b.shape[1],
                        beta: 0, c: pc.baseAddress!, ldc: n)
                }
            }
        }
        return out
    }

    /// self += alpha · other (saxpy), shapes must hold equally many elements.
    public mutating func add(_ other: Tensor, scaledBy alpha: Float = 1) {
        precondition(count == other.count, "add: \(shape) and \(other.shape) differ in size")
        other.data.withUnsafeBufferPointer { x in
            data.withUnsafeMutableBufferPointer { y in
                BLAS.axpy(count: x.count, alpha: alpha, x: x.baseAddress!, y: y.baseAddress!)
            }
        }
    }

    /// Multiplies every element by `factor` in place.
    public mutating func scale(by factor: Float) {
        data.withUnsafeMutableBufferPointer { y in
            for i in y.indices { y[i] *= factor }
        }
    }

    /// Sum of all elements, accumulated in Double.
    public func sum() -> Double {
        data.withUnsafeBufferPointer { x in
            var s = 0.0
            for v in x { s += Double(v) }
            return s
        }
    }

    /// Sum of squared elements, accumulated in Double (for norms and L2 terms).
    public func sumOfSquares() -> Double {
        data.withUnsafeBufferPointer { x in
            var s = 0.0
            for v in x { s += Double(v) * Double(v) }
            return s
        }
    }

    /// Index of the largest element in each row of a [rows, columns] view of the tensor.
    public func argmaxRows() -> [Int] {
        let columns = shape.last ?? 1
        let rows = columns == 0 ? 0 : count / columns
        return (0..<rows).map { r in
            var best = r * columns
            for j in (r * columns)..<((r + 1) * columns) where data[j] > data[best] { best = j }
            return best - r * columns
        }
    }
}
