import Foundation

/// Reads label files as text the way spreadsheet and Raven exports arrive: UTF-8 with or without
/// a byte-order mark, Latin-1 as a fallback, and any of LF, CRLF or CR line endings.
enum TextFile {
    /// The file's text with a leading UTF-8 BOM removed.
    static func read(path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FrogDataError.io(path: path, message: "cannot read the file")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Older Windows exports (Raven on a Western-European locale) are Latin-1; every byte
        // maps to the code point of the same value, so this never fails.
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }

    /// Lines of `text`, without their terminators; a final empty line is dropped.
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if !previousWasCR { result.append(current) }
                current = ""
                previousWasCR = false
            } else if scalar == "\r" {
                result.append(current)
                current = ""
                previousWasCR = true
            } else {
                current.unicodeScalars.append(scalar)
                previousWasCR = false
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
