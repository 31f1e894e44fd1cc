import Foundation
import FrogDSP
import XCTest

/// Reads the librosa fixtures written by Tests/Fixtures/generate/dsp_fixtures.py.
enum Fixture {
    static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw XCTSkip("fixture \(name) missing: run Tests/Fixtures/generate/dsp_fixtures.py")
        }
        return url
    }

    static func array(_ name: String) throws -> (values: [Float], shape: [Int]) {
        try NPY.read(contentsOf: url(name))
    }

    /// The 2 s deterministic test signal at 22,050 Hz.
    static func signal() throws -> [Float] { try array("signal.npy").values }
}

/// Max |actual − expected| in dB over the bins where the reference is above −100 dB (below that
/// the float32 FFT's rounding noise, not the method, decides the value).
func maxDecibelError(_ actual: [Float], _ expected: [Float], above floor: Float = -100) -> Float {
    precondition(actual.count == expected.count, "\(actual.count) vs \(expected.count)")
    var worst: Float = 0
    for i in expected.indices where expected[i] > floor {
        worst = max(worst, abs(actual[i] - expected[i]))
    }
    return worst
}
