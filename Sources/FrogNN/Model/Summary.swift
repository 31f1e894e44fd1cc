/// Keras-style summary table of a model.
extension Sequential {
    /// One row per layer (name, kind, output shape without batch, trainable parameter count),
    /// then total, trainable and non-trainable (buffer) counts.
    public func summary(inputShape: [Int]) -> String {
        var rows: [(String, String, String)] = []
        var shape = inputShape
        for (index, layer) in layers.enumerated() {
            shape = layer.outputShape(for: shape)
            let count = layer.parameters.reduce(0) { $0 + $1.value.count }
            rows.append(("layers.\(index) (\(layer.kind))", "\(shape)", "\(count)"))
        }
        let trainable = parameters.reduce(0) { $0 + $1.value.count }
        let buffered = buffers.reduce(0) { $0 + $1.value.count }
        let widths = [
            max(22, rows.map(\.0.count).max() ?? 0), max(16, rows.map(\.1.count).max() ?? 0),
            max(8, rows.map(\.2.count).max() ?? 0),
        ]
        func line(_ a: String, _ b: String, _ c: String) -> String {
            a.padding(toLength: widths[0], withPad: " ", startingAt: 0) + "  "
                + b.padding(toLength: widths[1], withPad: " ", startingAt: 0) + "  "
                + String(repeating: " ", count: max(0, widths[2] - c.count)) + c
        }
        let rule = String(repeating: "-", count: widths.reduce(4, +))
        var text = [line("Layer (type)", "Output shape", "Params"), rule]
        text += rows.map { line($0.0, $0.1, $0.2) }
        text += [
            rule,
            "Input shape: \(inputShape)",
            "Total params: \(trainable + buffered)",
            "Trainable params: \(trainable)",
            "Non-trainable params: \(buffered)",
        ]
        return text.joined(separator: "\n") + "\n"
    }
}
