import Foundation

/// The terminal view of a report.
extension EvaluationReport {
    /// A fixed-width text table of per-species window metrics with the averages, followed by
    /// the headline window- and recording-level numbers.
    public func summaryTable() -> String {
        let nameWidth = max(12, (classes.map(\.count).max() ?? 0))
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let gap = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + gap : gap + text
        }
        func number(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "-" }
        let header = [pad("species", nameWidth, left: true), pad("support", 7), pad("precision", 9),
                      pad("recall", 7), pad("f1", 7), pad("ap", 7), pad("auroc", 7), pad("threshold", 9)]
        var lines = [header.joined(separator: "  ")]
        for (c, m) in window.perClass.enumerated() {
            lines.append([
                pad(classes[c], nameWidth, left: true), pad(String(m.support), 7), pad(number(m.precision), 9),
                pad(number(m.recall), 7), pad(number(m.f1), 7), pad(number(m.averagePrecision), 7),
                pad(number(m.rocAUC), 7), pad(String(format: "%.3f", thresholds[c]), 9),
            ].joined(separator: "  "))
        }
        let support = window.perClass.reduce(0) { $0 + $1.support }
        for (name, average) in [("macro avg", window.macro), ("micro avg", window.micro), ("weighted avg", window.weighted)] {
            lines.append([
                pad(name, nameWidth, left: true), pad(String(support), 7), pad(number(average.precision), 9),
                pad(number(average.recall), 7), pad(number(average.f1), 7),
            ].joined(separator: "  "))
        }
        let h = headline
        lines.append("")
        lines.append("window:    accuracy \(number(h.window.accuracy))  macro-F1 \(number(h.window.macroF1))  macro-AP \(number(h.window.macroAP))  (\(window.predicted.count) windows)")
        if let r = h.recording {
            lines.append("recording: accuracy \(number(r.accuracy))  macro-F1 \(number(r.macroF1))  macro-AP \(number(r.macroAP))  (\(recordingScores?.recordings.count ?? 0) recordings, \(pooling.rawValue)-pooled)")
        }
        if let presence { lines.append(presence.headline + " [min \(presenceMinWindows) window(s)]") }
        return lines.joined(separator: "\n")
    }
}
