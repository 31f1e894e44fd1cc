import XCTest

/// Asserts that two Float arrays have equal length and agree within `atol + rtol·|expected|`
/// element-wise; on failure reports the worst element and the max abs difference.
public func assertClose(
    _ actual: [Float], _ expected: [Float], atol: Float, rtol: Float = 0,
    _ message: String = "", file: StaticString = #filePath, line: UInt = #line
) {
    guard actual.count == expected.count else {
        XCTFail("count \(actual.count) != \(expected.count) \(message)", file: file, line: line)
        return
    }
    var worst = -1
    var worstExcess: Float = 0
    var maxDiff: Float = 0
    for i in actual.indices {
        let diff = abs(actual[i] - expected[i])
        if diff.isNaN || !(actual[i].isFinite == expected[i].isFinite) {
            worst = i
            break
        }
        maxDiff = max(maxDiff, diff)
        let excess = diff - (atol + rtol * abs(expected[i]))
        if excess > worstExcess {
            worstExcess = excess
            worst = i
        }
    }
    if worst >= 0 {
        XCTFail(
            "not close at [\(worst)]: \(actual[worst]) vs \(expected[worst]) "
                + "(max |diff| \(maxDiff), atol \(atol), rtol \(rtol)) \(message)",
            file: file, line: line)
    }
}

/// The largest absolute element-wise difference of two equally long arrays.
public func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count)
    var m: Float = 0
    for i in a.indices { m = max(m, abs(a[i] - b[i])) }
    return m
}
