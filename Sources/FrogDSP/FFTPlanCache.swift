import CFFTW
import Foundation

/// FFTW single-precision real-to-complex plans, one per transform size, shared by every
/// extractor in the process.
///
/// FFTW's planner keeps global state and is not thread-safe, so plans are only ever created
/// under `planner`, one lock for the whole process (whichever cache plans). Executing a plan
/// with new arrays (`fftwf_execute_dft_r2c`) *is* thread-safe, provided the arrays have the
/// alignment the plan was made for; `AlignedFloats` buffers come from `fftwf_malloc`, exactly
/// like the buffers used for planning here, so they always match.
///
/// Plans are made with `FFTW_ESTIMATE`: planning is instant and deterministic (the same
/// algorithm, hence bit-identical output, in every process and test run), and for n = 1024
/// `FFTW_MEASURE` measured no faster here on the 10-minute benchmark (see the README's
/// benchmark notes). Plans live for the life of the process: there are only a few sizes.
public final class FFTPlanCache: Sendable {
    /// The process-wide cache (FFTW's planner itself is process-wide).
    public static let shared = FFTPlanCache()

    /// Held while calling FFTW's planner (process-wide state, so one lock for all caches).
    private static let planner = Locked(())

    private let plans = Locked<[Int: Plan]>([:])

    /// A plan handle; only `FrogDSP` executes it.
    ///
    /// `@unchecked`: the handle is an `OpaquePointer`, which Swift cannot check. Sharing it is
    /// safe because a plan is immutable once made (both properties are `let`), FFTW documents
    /// new-array execution (`fftwf_execute_dft_r2c`, the only use of the handle) as thread-safe,
    /// and plans are never destroyed, so no thread can use a freed plan.
    final class Plan: @unchecked Sendable {
        let size: Int
        let handle: fftwf_plan

        init(size: Int, handle: fftwf_plan) {
            self.size = size
            self.handle = handle
        }
    }

    public init() {}

    /// Number of cached plans (for tests and diagnostics).
    public var count: Int {
        plans.withLock { $0.count }
    }

    /// The r2c plan for `size` real inputs (→ size/2 + 1 complex outputs), created on first use.
    func realForwardPlan(size: Int) -> Plan {
        precondition(size >= 1, "FFT size must be positive")
        return plans.withLock { plans in
            if let plan = plans[size] { return plan }
            let plan = Self.planner.withLock { _ -> Plan in
                let input = AlignedFloats(count: size)
                let output = AlignedFloats(count: 2 * (size / 2 + 1))
                let handle = output.pointer.withMemoryRebound(to: fftwf_complex.self, capacity: size / 2 + 1) {
                    fftwf_plan_dft_r2c_1d(Int32(size), input.pointer, $0, UInt32(FFTW_ESTIMATE))
                }
                guard let handle else { fatalError("FFTW could not plan an r2c transform of size \(size)") }
                return Plan(size: size, handle: handle)
            }
            plans[size] = plan
            return plan
        }
    }
}

/// A float buffer from `fftwf_malloc` (SIMD-aligned, as FFTW's new-array execute requires),
/// freed when the owner goes away.
final class AlignedFloats {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    init(count: Int) {
        self.count = count
        guard let raw = fftwf_malloc(max(1, count) * MemoryLayout<Float>.stride) else {
            fatalError("fftwf_malloc failed for \(count) floats")
        }
        pointer = raw.bindMemory(to: Float.self, capacity: max(1, count))
        pointer.initialize(repeating: 0, count: max(1, count))
    }

    deinit { fftwf_free(pointer) }
}
