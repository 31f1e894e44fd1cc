import XCTest
@testable import FrogNN

final class BLASKernelsTests: XCTestCase {
    private let avx2 = Set(["sse4_2", "avx", "avx2", "fma"])
    private let avx512 = Set(["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"])

    /// OpenBLAS's SSE3 fallback is replaced by the best core the CPU's flags support.
    func testFallbackIsReplacedByWhatTheCPUSupports() {
        XCTAssertEqual(BLASKernels.replacement(detected: "Prescott", cpuFlags: avx512), "SkylakeX")
        XCTAssertEqual(BLASKernels.replacement(detected: "Prescott", cpuFlags: avx2), "Haswell")
        XCTAssertEqual(BLASKernels.replacement(detected: "Nehalem", cpuFlags: avx2), "Haswell")
        XCTAssertEqual(BLASKernels.replacement(detected: "Sandybridge", cpuFlags: avx512), "SkylakeX")
        // AVX-512 without BW/VL (Xeon Phi) is not SkylakeX.
        XCTAssertEqual(BLASKernels.replacement(detected: "Prescott", cpuFlags: avx2.union(["avx512f", "avx512cd"])), "Haswell")
    }

    /// A core OpenBLAS recognised is kept, and so is a fallback on a CPU without AVX2 + FMA.
    func testRecognisedCoresAndOldCPUsAreKept() {
        for core in ["Haswell", "Zen", "SkylakeX", "Cooperlake", "SapphireRapids", "Excavator"] {
            XCTAssertNil(BLASKernels.replacement(detected: core, cpuFlags: avx512), core)
        }
        XCTAssertNil(BLASKernels.replacement(detected: "Prescott", cpuFlags: ["sse3", "avx"]))
        XCTAssertNil(BLASKernels.replacement(detected: "Prescott", cpuFlags: []))
    }

    func testFlagsAreReadFromTheFirstFlagsLine() {
        let cpuinfo = """
            processor\t: 0
            model name\t: Some CPU
            flags\t\t: fpu sse avx2 fma
            bugs\t\t: spectre_v1

            processor\t: 1
            flags\t\t: fpu
            """
        XCTAssertEqual(BLASKernels.cpuFlags(cpuinfo: cpuinfo), ["fpu", "sse", "avx2", "fma"])
        XCTAssertEqual(BLASKernels.cpuFlags(cpuinfo: "processor : 0\n"), [])
    }

    /// On this machine: the kernels in use are never a pre-AVX2 fallback when the CPU has AVX2
    /// + FMA and nobody forced a core, and GEMM still computes the right product after the choice.
    func testThisProcessRunsKernelsTheCPUSupports() throws {
        let selection = BLASKernels.selection
        XCTAssertFalse(selection.used.isEmpty)
        #if os(Linux)
        let flags = BLASKernels.cpuFlags(cpuinfo: (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "")
        if ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil, flags.isSuperset(of: ["avx2", "fma"]) {
            XCTAssertFalse(BLASKernels.preAVX2Cores.contains(selection.used.lowercased()), selection.summary)
        }
        #endif
        // [2×3]·[3×2]
        let a: [Float] = [1, 2, 3, 4, 5, 6], b: [Float] = [7, 8, 9, 10, 11, 12]
        var c = [Float](repeating: 0, count: 4)
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    BLAS.gemm(
                        transposeA: false, transposeB: false, m: 2, n: 2, k: 3, a: ap.baseAddress!, lda: 3,
                        b: bp.baseAddress!, ldb: 2, beta: 0, c: cp.baseAddress!, ldc: 2)
                }
            }
        }
        XCTAssertEqual(c, [58, 64, 139, 154])
    }
}
