import Foundation

/// Compares a RIFF/WAVE file's `data` chunk size with the bytes that follow it. libsndfile
/// quietly clamps a size larger than the file (a truncated copy) and stops at a size smaller
/// than the audio (a recorder that died before fixing its header), so both would pass as
/// ordinary shorter recordings; this finds them from the header alone.
enum WAVHeaderProbe {
    /// The damage the header shows, or nil for a consistent (or non-RIFF) file.
    static func damage(path: String, sampleRate: Int) -> AudioDamage? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), size >= 12 else { return nil }
        try? handle.seek(toOffset: 0)
        let head = [UInt8]((try? handle.read(upToCount: 12)) ?? Data())
        guard head.count == 12, head.starts(with: Array("RIFF".utf8)), head[8..<12].elementsEqual("WAVE".utf8) else {
            return nil
        }
        var offset: UInt64 = 12
        var blockAlign = 0
        // Walk the chunks before `data` (fmt, LIST, bext …); a few are enough on real files.
        for _ in 0..<64 {
            guard offset + 8 <= size, let chunk = read(handle, at: offset, count: 8) else { return nil }
            let id = String(decoding: chunk[0..<4], as: UTF8.self)
            let length = UInt64(littleEndian32(chunk, 4))
            if id == "fmt ", let format = read(handle, at: offset + 8, count: 14) {
                blockAlign = Int(format[12]) | Int(format[13]) << 8
            }
            if id == "data" {
                return dataDamage(
                    path: path, handle: handle, fileSize: size, dataOffset: offset + 8, declared: length,
                    blockAlign: blockAlign, sampleRate: sampleRate)
            }
            offset += 8 + length + (length & 1)
        }
        return nil
    }

    private static func dataDamage(
        path: String, handle: FileHandle, fileSize: UInt64, dataOffset: UInt64, declared: UInt64,
        blockAlign: Int, sampleRate: Int
    ) -> AudioDamage? {
        // 0 and 0xFFFFFFFF mean "until the end of the file" (streaming writers); libsndfile
        // reads it all, so there is nothing to report.
        guard blockAlign > 0, declared != 0, declared != 0xFFFF_FFFF, dataOffset <= fileSize else { return nil }
        let available = fileSize - dataOffset
        let frameBytes = UInt64(blockAlign)
        if declared > available {
            return .truncated(
                path: path, sampleRate: sampleRate, declaredFrames: Int(declared / frameBytes),
                actualFrames: Int(available / frameBytes))
        }
        let trailing = available - declared
        guard trailing >= frameBytes else { return nil }
        // Chunks after the audio (LIST, id3, cue) are normal: an ASCII id and a size that fits.
        let next = dataOffset + declared + (declared & 1)
        if let chunk = read(handle, at: next, count: 8), chunk[0..<4].allSatisfy({ (0x20...0x7E).contains($0) }),
            UInt64(littleEndian32(chunk, 4)) <= fileSize - next - 8
        {
            return nil
        }
        return .shortDataChunk(
            path: path, sampleRate: sampleRate, declaredFrames: Int(declared / frameBytes), trailingBytes: Int(trailing))
    }

    private static func read(_ handle: FileHandle, at offset: UInt64, count: Int) -> [UInt8]? {
        guard (try? handle.seek(toOffset: offset)) != nil,
            let data = try? handle.read(upToCount: count), data.count == count
        else { return nil }
        return [UInt8](data)
    }

    private static func littleEndian32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
