import CFFTW
import Foundation

/// Per-frame work shared by every STFT-based feature: window → FFTW r2c → |X|^power,
/// accumulated over channels (the phase-safe mix averages power spectra, never waveforms).
///
/// Owns its aligned FFTW buffers, so one kernel serves one thread; the plan comes from the
/// shared `FFTPlanCache` and is executed with these buffers (thread-safe new-array execute).
/// Nothing here allocates once constructed.
final class SpectrumKernel {
    let fftSize: Int
    let bins: Int
    let power: Float
    private let plan: FFTPlanCache.Plan
    private let window: AlignedFloats
    private let input: AlignedFloats
    private let output: AlignedFloats
    /// The spectrum being built for the current frame: `bins` values.
    let spectrum: AlignedFloats

    init(fftSize: Int, window coefficients: [Float], power: Float, plans: FFTPlanCache) {
        precondition(coefficients.count == fftSize, "window must have n_fft coefficients")
        self.fftSize = fftSize
        self.bins = fftSize / 2 + 1
        self.power = power
        self.plan = plans.realForwardPlan(size: fftSize)
        self.window = AlignedFloats(count: fftSize)
        for i in 0..<fftSize { window.pointer[i] = coefficients[i] }
        self.input = AlignedFloats(count: fftSize)
        self.output = AlignedFloats(count: 2 * bins)
        self.spectrum = AlignedFloats(count: bins)
    }

    /// Windows and transforms `frame` (n_fft samples); stores (`accumulate == false`) or adds
    /// its |X|^power into `spectrum`.
    @inline(__always)
    func transform(frame: UnsafePointer<Float>, accumulate: Bool) {
        let x = input.pointer
        let w = window.pointer
        for i in 0..<fftSize { x[i] = frame[i] * w[i] }
        output.pointer.withMemoryRebound(to: fftwf_complex.self, capacity: bins) {
            fftwf_execute_dft_r2c(plan.handle, x, $0)
        }
        let c = output.pointer
        let s = spectrum.pointer
        if power == 2 {
            if accumulate {
                for k in 0..<bins { s[k] += c[2 * k] * c[2 * k] + c[2 * k + 1] * c[2 * k + 1] }
            } else {
                for k in 0..<bins { s[k] = c[2 * k] * c[2 * k] + c[2 * k + 1] * c[2 * k + 1] }
            }
        } else {
            for k in 0..<bins {
                let squared = c[2 * k] * c[2 * k] + c[2 * k + 1] * c[2 * k + 1]
                let value = power == 1 ? squared.squareRoot() : pow(squared.squareRoot(), power)
                s[k] = accumulate ? s[k] + value : value
            }
        }
    }

    /// Divides the accumulated spectrum by the channel count (the mean power spectrum).
    @inline(__always)
    func average(channels: Int) {
        if channels == 1 { return }
        let scale = 1 / Float(channels)
        let s = spectrum.pointer
        for k in 0..<bins { s[k] *= scale }
    }
}
