import FrogDSP
import FrogTestSupport
import XCTest

final class PCENTests: XCTestCase {
    func testDefaultParametersMatchLibrosa() throws {
        try check(parameters: FeatureConfig.PCEN(), fixture: "pcen_default.npy")
    }

    func testCustomParametersMatchLibrosa() throws {
        var parameters = FeatureConfig.PCEN()
        parameters.gain = 0.8
        parameters.bias = 10
        parameters.power = 0.25
        parameters.timeConstant = 0.06
        try check(parameters: parameters, fixture: "pcen_custom.npy")
    }

    func testStateCarriesAcrossBlocks() throws {
        let power = try Fixture.array("mel_power.npy")
        let frames = power.shape[0]
        var whole = PCEN(parameters: .init(), bands: 64, sampleRate: 22_050, hopLength: 256)
        var all = power.values
        whole.apply(&all, frames: frames)
        var split = PCEN(parameters: .init(), bands: 64, sampleRate: 22_050, hopLength: 256)
        var first = Array(power.values[0..<(17 * 64)])
        var rest = Array(power.values[(17 * 64)...])
        split.apply(&first, frames: 17)
        split.apply(&rest, frames: frames - 17)
        XCTAssertEqual(first + rest, all)
    }

    private func check(parameters: FeatureConfig.PCEN, fixture: String) throws {
        let power = try Fixture.array("mel_power.npy")
        let expected = try Fixture.array(fixture).values
        var pcen = PCEN(parameters: parameters, bands: 64, sampleRate: 22_050, hopLength: 256)
        var values = power.values
        pcen.apply(&values, frames: power.shape[0])
        // Both sides compute in float64 from the same float32 input; only the final rounding to
        // float32 (values up to ~10) differs: 1e-5 absolute.
        assertClose(values, expected, atol: 1e-5, rtol: 1e-5)
    }
}
