import Foundation
import FrogModel

/// What `frogscan --version` prints: the release and, when the build recorded it, the git
/// commit. `make build` writes the commit to `frogscan.commit` beside the binary and `make
/// install` to `PREFIX/share/frogscan/commit`; a plain `swift build` has neither and prints
/// the release alone (Swift has no build-time string defines, and a generated source file
/// would leave every checkout dirty).
enum BuildInfo {
    static var versionLine: String {
        guard let commit = commit() else { return FrogscanVersion.current }
        return "\(FrogscanVersion.current) (commit \(commit))"
    }

    static func commit(executable: String = CommandLine.arguments[0]) -> String? {
        let binary = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        let folder = binary.deletingLastPathComponent()
        let candidates = [
            folder.appendingPathComponent("frogscan.commit"),
            folder.deletingLastPathComponent().appendingPathComponent("share/frogscan/commit"),
        ]
        for url in candidates {
            if let text = try? String(contentsOf: url, encoding: .utf8) {
                let commit = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !commit.isEmpty, commit.count <= 64, commit.allSatisfy({ $0.isHexDigit || $0 == "-" || $0.isLetter }) {
                    return commit
                }
            }
        }
        return nil
    }
}
