extension FeatureImage {
    /// Per-clip standardisation: subtracts the mean and divides by the standard deviation of all
    /// values (or of each bin separately with `perBin`), so clips recorded at different gains
    /// look alike to a model. A constant image (deviation below `epsilon`) only loses its mean.
    public func standardized(perBin: Bool = false, epsilon: Float = 1e-6) -> FeatureImage {
        var out = self
        if frames == 0 { return out }
        let groups = perBin ? bins : 1
        for g in 0..<groups {
            // Double accumulation: a 10-minute image has millions of values.
            var sum = 0.0
            var sumSquares = 0.0
            var count = 0
            for f in 0..<frames {
                for b in 0..<bins where !perBin || b == g {
                    let v = Double(values[f * bins + b])
                    sum += v
                    sumSquares += v * v
                    count += 1
                }
            }
            let mean = sum / Double(count)
            let deviation = max(0, sumSquares / Double(count) - mean * mean).squareRoot()
            let scale = deviation < Double(epsilon) ? 1 : 1 / deviation
            for f in 0..<frames {
                for b in 0..<bins where !perBin || b == g {
                    out.values[f * bins + b] = Float((Double(values[f * bins + b]) - mean) * scale)
                }
            }
        }
        return out
    }
}
