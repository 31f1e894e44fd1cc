import Foundation

/// Checks made before libsndfile sees a path, because its errors for these cases are vague
/// ("System error") and a folder or an empty file deserve a message of their own.
enum FileCheck {
    static func requireReadableFile(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AudioError.missing(path)
        }
        if isDirectory.boolValue { throw AudioError.unreadable(path, "it is a folder, not a file") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw AudioError.unreadable(path, "permission denied")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)??
            .intValue
        if size == 0 { throw AudioError.empty(path) }
    }
}

/// Recognises the first bytes of the containers libsndfile reads, to tell a damaged recording
/// from something that was never audio.
enum AudioMagic {
    static func looksLikeAudio(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 12)) ?? Data())
        return looksLikeAudio(head: head)
    }

    static func looksLikeAudio(head: [UInt8]) -> Bool {
        let prefixes: [String] = ["RIFF", "RIFX", "RF64", "FORM", "fLaC", "OggS", "ID3", ".snd", "caff", "riff"]
        for prefix in prefixes where head.starts(with: Array(prefix.utf8)) { return true }
        // An MPEG audio frame starts with an 11-bit sync word.
        return head.count >= 2 && head[0] == 0xFF && head[1] & 0xE0 == 0xE0
    }
}
