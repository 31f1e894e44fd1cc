import Foundation

/// A fast 64-bit fingerprint of a file's bytes, to notice changed recordings and identify model
/// files. Not cryptographic: it detects changes, not tampering (no crypto package is needed for
/// that job, and it hashes an hour of 48 kHz audio in well under a second).
public enum ContentHash {
    /// Hex fingerprint of the file at `url`, read in 1 MiB chunks (constant memory).
    public static func ofFile(at url: URL) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw AtomicFileError(path: url.path, reason: "cannot open for hashing")
        }
        defer { try? handle.close() }
        var hasher = Fingerprint64()
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            hasher.update(chunk)
        }
        return hasher.hexDigest
    }

    /// Hex fingerprint of bytes in memory.
    public static func of(_ data: Data) -> String {
        var hasher = Fingerprint64()
        hasher.update(data)
        return hasher.hexDigest
    }
}

/// FNV-1a-style mixing over 8-byte words with a final avalanche (splitmix64's finaliser).
struct Fingerprint64 {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325
    private var length: UInt64 = 0

    mutating func update(_ data: Data) {
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            while i + 8 <= bytes.count {
                var word: UInt64 = 0
                for k in 0..<8 { word |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
                state = (state ^ word) &* 0x0000_0100_0000_01b3
                state ^= state >> 29
                i += 8
            }
            while i < bytes.count {
                state = (state ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01b3
                i += 1
            }
        }
        length &+= UInt64(data.count)
    }

    var hexDigest: String {
        var z = state ^ length
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let hex = String(z, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
