import Foundation

/// Round-number tick positions for a chart axis (steps of 1, 2 or 5 × 10ⁿ), and their labels.
public struct AxisTicks: Equatable, Sendable {
    /// Tick values, ascending, all inside `range`.
    public let values: [Double]
    /// Distance between ticks.
    public let step: Double
    /// The axis range widened outward to whole steps, so the data never touches the frame.
    public let range: ClosedRange<Double>

    /// About `targetCount` ticks covering `low...high`.
    public init(low: Double, high: Double, targetCount: Int = 6) {
        var low = low.isFinite ? low : 0
        var high = high.isFinite ? high : 1
        if high < low { swap(&low, &high) }
        if high == low {
            // A flat series still needs an axis; give it a unit (or ±10 %) span around the value.
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        let raw = (high - low) / Double(max(1, targetCount))
        let magnitude = pow(10, floor(log10(raw)))
        let residual = raw / magnitude
        let multiplier: Double = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10
        let step = multiplier * magnitude
        let first = floor(low / step + 1e-9) * step
        let last = ceil(high / step - 1e-9) * step
        let count = Int(((last - first) / step).rounded()) + 1
        self.step = step
        range = first...last
        values = (0..<count).map { first + Double($0) * step }
    }

    /// `value` printed with just enough decimals for this step (0.25 → "0.25", 20 → "20").
    public func label(_ value: Double) -> String {
        let decimals = max(0, min(6, Int(-floor(log10(step) + 1e-9))))
        let text = String(format: "%.\(decimals)f", value)
        // "-0" and "-0.0" come from values a rounding error below zero.
        if Double(text) == 0 { return String(format: "%.\(decimals)f", 0.0) }
        return text
    }
}
