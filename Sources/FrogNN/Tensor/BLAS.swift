import COpenBLAS

/// Thin, pointer-level wrappers over the cblas calls the layers use. Internal: public APIs take
/// `Tensor`s, and only the layers' private kernels hold pointers.
enum BLAS {
    /// C[m×n] = alpha · op(A)[m×k] · op(B)[k×n] + beta · C, all row-major.
    @inline(__always)
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        ensureKernels()
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb),
            beta, c, blasint(ldc))
    }

    /// y[m or n] = alpha · op(A) · x + beta · y, A row-major m×n.
    @inline(__always)
    static func gemv(
        transpose: Bool, m: Int, n: Int, alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>
    ) {
        ensureKernels()
        cblas_sgemv(
            CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, blasint(m), blasint(n), alpha,
            a, blasint(lda), x, 1, beta, y, 1)
    }

    /// y += alpha · x.
    @inline(__always)
    static func axpy(count: Int, alpha: Float, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        ensureKernels()
        cblas_saxpy(blasint(count), alpha, x, 1, y, 1)
    }
}

/// Process-wide thread settings of the numeric libraries.
///
/// OpenBLAS keeps its own thread pool; its size is library state, not frogscan configuration,
/// so the caller sets it once at start-up from `--threads`.
public enum Threads {
    /// Sets how many threads OpenBLAS may use inside one GEMM.
    public static func setBLASThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The number of threads OpenBLAS currently uses.
    public static var blasThreads: Int {
        Int(openblas_get_num_threads())
    }
}
