import Foundation

/// Writes a file so readers never see half of it: the bytes go to a temporary file in the same
/// folder, which is then renamed over the destination (rename is atomic within a file system).
enum AtomicFile {
    static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw FrogDataError.io(path: folder.path, message: "cannot create folder: \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw FrogDataError.io(path: path, message: "cannot write (temporary file \(temporary.lastPathComponent))")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw FrogDataError.io(path: path, message: "cannot replace the file: \(reason)")
        }
    }
}
