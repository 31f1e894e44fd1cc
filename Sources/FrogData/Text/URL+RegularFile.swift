import Foundation

extension URL {
    /// Whether this is a regular file, following a symbolic link: recordings are often linked
    /// into a working folder rather than copied, and a link to a file is that file.
    public var isRegularFileFollowingLinks: Bool {
        guard let values = try? resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey]) else { return false }
        if values.isSymbolicLink == true {
            return (try? resolvingSymlinksInPath().resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
        return values.isRegularFile == true
    }
}
