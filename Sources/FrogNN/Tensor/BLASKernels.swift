import COpenBLAS
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Which OpenBLAS kernels this process runs, with a fix for OpenBLAS's CPU detection on CPUs
/// newer than the library.
///
/// OpenBLAS built with DYNAMIC_ARCH (Debian's, Homebrew's) picks its kernels from the CPU model
/// when it loads. Releases before 0.3.25 fall back to their SSE3 "Prescott" kernels on Intel
/// models they do not know (OpenBLAS issue #4267), even on CPUs with AVX2 or AVX-512: Debian
/// 12's 0.3.21 does so on a Xeon of family 6 model 207, where the reference CNN's GEMMs then run
/// at a third of their speed and its training 2.4× slower. When the library chose such a
/// fallback, the user has not set `OPENBLAS_CORETYPE` and the CPU (by the flags the kernel
/// reports) supports more, `select()` reruns OpenBLAS's own selection with `OPENBLAS_CORETYPE`,
/// its documented override, set to "Haswell" (AVX2 + FMA) or "SkylakeX" (AVX-512). A core
/// OpenBLAS recognised is never changed.
public enum BLASKernels {
    /// What OpenBLAS detected and what this process uses.
    public struct Selection: Sendable, Equatable {
        /// The core OpenBLAS chose by itself when it loaded.
        public var detected: String
        /// The core whose kernels run (the same unless `reason` says why not).
        public var used: String
        /// Why `used` differs from `detected`, or nil.
        public var reason: String?

        /// The line `frogscan bench` prints first.
        public var summary: String {
            guard let reason else { return "OpenBLAS kernels: \(used)" }
            return "OpenBLAS kernels: \(used) (OpenBLAS detected \(detected); \(reason))"
        }
    }

    /// The selection, made once per process before the first BLAS call (thread-safe: a global
    /// is initialised once). The command-line tool touches it first thing in `main`, while it
    /// is still single-threaded, because `select()` sets an environment variable.
    public static var selection: Selection { processSelection }

    /// Cores whose kernels predate AVX2: the ones a failed detection falls back to.
    static let preAVX2Cores: Set<String> = [
        "unknown", "katmai", "coppermine", "northwood", "prescott", "banias", "atom", "core2",
        "penryn", "dunnington", "nehalem", "opteron", "opteron_sse3", "athlon", "barcelona", "nano",
        "sandybridge",
    ]

    /// The core to switch to, or nil to keep `detected`: only a pre-AVX2 fallback is replaced,
    /// and only by a core the CPU's `flags` (as in /proc/cpuinfo) fully support.
    static func replacement(detected: String, cpuFlags: Set<String>) -> String? {
        guard preAVX2Cores.contains(detected.lowercased()) else { return nil }
        let avx512 = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
        if (["avx2", "fma"] + avx512).allSatisfy(cpuFlags.contains) { return "SkylakeX" }
        if ["avx2", "fma"].allSatisfy(cpuFlags.contains) { return "Haswell" }
        return nil
    }

    /// The first `flags` line of a /proc/cpuinfo text, as a set.
    static func cpuFlags(cpuinfo: String) -> Set<String> {
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }

    static func select() -> Selection {
        let detected = String(cString: openblas_get_corename())
        var selection = Selection(detected: detected, used: detected, reason: nil)
        #if os(Linux)
        guard getenv("OPENBLAS_CORETYPE") == nil,
              String(cString: openblas_get_config()).contains("DYNAMIC_ARCH"),
              preAVX2Cores.contains(detected.lowercased()),
              let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let target = replacement(detected: detected, cpuFlags: cpuFlags(cpuinfo: cpuinfo)),
              let library = dlopen(nil, RTLD_NOW),
              let quit = dlsym(library, "gotoblas_dynamic_quit"),
              let initialise = dlsym(library, "gotoblas_dynamic_init")
        else { return selection }
        typealias Hook = @convention(c) () -> Void
        setenv("OPENBLAS_CORETYPE", target, 1)
        unsafeBitCast(quit, to: Hook.self)()
        unsafeBitCast(initialise, to: Hook.self)()
        unsetenv("OPENBLAS_CORETYPE")
        selection.used = String(cString: openblas_get_corename())
        let isa = target == "SkylakeX" ? "AVX-512" : "AVX2"
        selection.reason = selection.used == detected
            ? "the CPU has \(isa), but OpenBLAS refused \(target)"
            : "the CPU has \(isa), a model this OpenBLAS does not know"
        #endif
        return selection
    }
}

/// Made on first use: by `BLASKernels.selection`, or by the first BLAS call.
private let processSelection = BLASKernels.select()

extension BLAS {
    /// Makes sure the kernel selection ran before a BLAS call.
    @inline(__always)
    static func ensureKernels() { _ = processSelection }
}
