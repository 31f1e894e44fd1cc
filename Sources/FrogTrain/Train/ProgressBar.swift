import Foundation

/// A one-line progress bar for an epoch (batches, ETA, running loss and accuracy), drawn only
/// when standard error is a terminal: logs and pipes get the plain epoch lines alone.
public struct ProgressBar {
    private let total: Int
    private let label: String
    private let start = Date()
    private let enabled: Bool

    /// `enabled` defaults to whether stderr is a TTY.
    public init(total: Int, label: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = max(total, 1)
        self.label = label
        self.enabled = enabled
    }

    /// Redraws the bar after `done` of `total` steps.
    public func update(done: Int, loss: Double, accuracy: Double) {
        guard enabled else { return }
        let fraction = Double(done) / Double(total)
        let width = 24
        let filled = Int(fraction * Double(width))
        let elapsed = Date().timeIntervalSince(start)
        let eta = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = String(
            format: "\r%@ %@ %d/%d  loss %.4f  acc %.4f  ETA %.0fs ", label, bar, done, total, loss, accuracy, eta)
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Clears the bar so the epoch's log line starts on a clean line.
    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 100) + "\r").utf8))
    }
}
