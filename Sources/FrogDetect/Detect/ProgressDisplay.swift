import Foundation
import Logging
import FrogDSP

/// Shows a run's progress: a bar redrawn in place on a terminal, plain log lines otherwise
/// (cron jobs and CI logs get one readable line per file, not carriage-return noise).
public final class ProgressDisplay: Sendable {
    private let isTerminal: Bool
    private let logger: Logger
    /// Whether the bar is on screen; the lock also keeps workers' lines from interleaving.
    private let drewBar = Locked(false)

    /// `isTerminal`: whether standard error is a TTY (`isatty(2)`); log lines go to `logger`.
    public init(isTerminal: Bool, logger: Logger) {
        self.isTerminal = isTerminal
        self.logger = logger
    }

    /// Reports `progress` after `file` finished (`failure` set when it failed).
    public func update(_ progress: RunProgress, file: String, failure: String?) {
        drewBar.withLock { drewBar in
            if isTerminal {
                if let failure {
                    FileHandle.standardError.write(Data(("\r\u{1B}[K" + "failed: \(failure)\n").utf8))
                }
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + progress.bar()).utf8))
                drewBar = true
            } else if let failure {
                logger.warning("failed: \(failure) [\(progress.line)]")
            } else {
                logger.info("\(file) [\(progress.line)]")
            }
        }
    }

    /// Ends the bar's line so later output starts on a fresh line.
    public func finish() {
        drewBar.withLock { drewBar in
            if drewBar { FileHandle.standardError.write(Data("\n".utf8)) }
            drewBar = false
        }
    }
}
