import FrogDSP
import FrogTestSupport
import XCTest

final class MelFilterbankTests: XCTestCase {
    func testSlaneyMatchesLibrosa() throws {
        let expected = try Fixture.array("mel_slaney_1024_64_100_11025.npy")
        let bank = MelFilterbank(
            sampleRate: 22_050, fftSize: 1024, bands: 64, minimumFrequency: 100,
            maximumFrequency: 11_025, scale: .slaney, norm: .slaney)
        XCTAssertEqual(expected.shape, [64, 513])
        // Same float64 formula and the same two float32 roundings: only the last bit may differ
        // (libm's exp/log vs numpy's); weights are ≤ 0.03, so 1e-8 is a few ulps.
        assertClose(bank.denseMatrix(), expected.values, atol: 1e-8)
        // Banded storage: each triangle only spans the bins between its neighbours.
        XCTAssertLessThan(bank.storedWeights, 1100)
    }

    func testHTKMatchesLibrosa() throws {
        let expected = try Fixture.array("mel_htk_512_40_0_8000.npy")
        let bank = MelFilterbank(
            sampleRate: 22_050, fftSize: 512, bands: 40, minimumFrequency: 0,
            maximumFrequency: 8000, scale: .htk, norm: .slaney)
        assertClose(bank.denseMatrix(), expected.values, atol: 1e-8)
    }

    func testUnnormalisedWithNyquistDefault() throws {
        let expected = try Fixture.array("mel_slaney_nonorm_512_32_300_none.npy")
        let bank = MelFilterbank(
            sampleRate: 16_000, fftSize: 512, bands: 32, minimumFrequency: 300,
            maximumFrequency: nil, scale: .slaney, norm: .none)
        // Unnormalised triangles peak near 1: a few float32 ulps.
        assertClose(bank.denseMatrix(), expected.values, atol: 1e-6)
    }

    func testApplyEqualsDenseProduct() {
        let bank = MelFilterbank(config: FeatureConfig())
        var rng = SplitMix(seed: 3)
        let frames = 3
        let spectra = (0..<(frames * bank.fftBins)).map { _ in rng.nextFloat() }
        let dense = bank.denseMatrix()
        let banded = bank.apply(spectra: spectra, frames: frames)
        for f in 0..<frames {
            for m in 0..<bank.bands {
                var sum: Double = 0
                for k in 0..<bank.fftBins { sum += Double(dense[m * bank.fftBins + k]) * Double(spectra[f * bank.fftBins + k]) }
                // Float32 sums of ≤ 30 positive terms against a Double sum: relative 1e-5.
                XCTAssertEqual(Double(banded[f * bank.bands + m]), sum, accuracy: 1e-5 * sum + 1e-12)
            }
        }
    }
}

/// A tiny deterministic generator for test inputs.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func nextFloat() -> Float { Float(next() >> 40) / Float(1 << 24) }
    /// Uniform in [−1, 1).
    mutating func nextSigned() -> Float { 2 * nextFloat() - 1 }
}
