import Foundation
import FrogDSP

/// Feature images of recordings cached on disk, so epochs and runs do not recompute STFTs.
///
/// An entry's key is a hash of the recording's bytes (all of them, streamed in 1 MiB chunks:
/// a copied or renamed file still hits, an edited one misses) together with the feature
/// parameters (any Encodable, e.g. `FeatureConfig` and the sample rate, as sorted-key JSON).
/// Entries are written atomically (temporary file + rename) and carry a checksum; a missing,
/// truncated or corrupt entry is recomputed and rewritten.
public struct FeatureCache: Sendable {
    /// Folder holding `<key>.features` files.
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The recording's features, from the cache or from `compute` (then stored).
    public func image<P: Encodable>(for recording: String, parameters: P, compute: () throws -> FeatureImage) throws -> FeatureImage {
        let key = try self.key(for: recording, parameters: parameters)
        if let cached = load(key: key) { return cached }
        let image = try compute()
        try store(image, key: key)
        return image
    }

    /// The entry key for a recording and parameters (hex).
    public func key<P: Encodable>(for recording: String, parameters: P) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: recording) else {
            throw FrogDataError.io(path: recording, message: "cannot read the recording to key the feature cache")
        }
        defer { try? handle.close() }
        var hash = Fingerprint()
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            hash.addWords(chunk)
        }
        hash.add(Array("|".utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        hash.add([UInt8](try encoder.encode(parameters)))
        return String(format: "%016llx", hash.value)
    }

    /// The cached image, or nil when absent, unreadable or corrupt.
    public func load(key: String) -> FeatureImage? {
        guard let data = FileManager.default.contents(atPath: path(key)) else { return nil }
        return FeatureImageCoding.decode([UInt8](data))
    }

    /// Writes an entry atomically (readers never see half of it).
    public func store(_ image: FeatureImage, key: String) throws {
        try AtomicFile.write(Data(FeatureImageCoding.encode(image)), to: path(key))
    }

    /// The entry's file.
    public func path(_ key: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent("\(key).features").path
    }
}

/// 64-bit FNV-1a with a splitmix finaliser: fast, not cryptographic (keys and checksums only).
struct Fingerprint {
    private(set) var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: [UInt8]) {
        for b in bytes {
            state ^= UInt64(b)
            state = state &* 0x0000_0100_0000_01B3
        }
    }

    /// Bytes eight at a time (a file's content: ~8× faster than `add`).
    mutating func addWords(_ data: Data) {
        data.withUnsafeBytes { raw in
            var i = 0
            while i + 8 <= raw.count {
                state = (state ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01B3
                state ^= state >> 29
                i += 8
            }
            while i < raw.count {
                state = (state ^ UInt64(raw[i])) &* 0x0000_0100_0000_01B3
                i += 1
            }
        }
    }

    var value: UInt64 {
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The cache file layout: "FRGF", version 1, bins, frames (UInt32), secondsPerFrame,
/// startSeconds (Float64), bin frequencies and values (Float32, little-endian), then an 8-byte
/// checksum of everything before it.
enum FeatureImageCoding {
    static func encode(_ image: FeatureImage) -> [UInt8] {
        var bytes = Array("FRGF".utf8)
        func append<T>(_ value: T) { withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) } }
        append(UInt32(1).littleEndian)
        append(UInt32(image.bins).littleEndian)
        append(UInt32(image.frames).littleEndian)
        append(image.secondsPerFrame.bitPattern.littleEndian)
        append(image.startSeconds.bitPattern.littleEndian)
        for v in image.binFrequencies { append(v.bitPattern.littleEndian) }
        for v in image.values { append(v.bitPattern.littleEndian) }
        var check = Fingerprint()
        check.add(bytes)
        append(check.value.littleEndian)
        return bytes
    }

    static func decode(_ bytes: [UInt8]) -> FeatureImage? {
        guard bytes.count >= 36, Array(bytes[0..<4]) == Array("FRGF".utf8) else { return nil }
        func u32(_ at: Int) -> UInt32 {
            bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
        }
        func u64(_ at: Int) -> UInt64 {
            bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        }
        guard u32(4) == 1 else { return nil }
        let bins = Int(u32(8))
        let frames = Int(u32(12))
        // A corrupt header must not overflow the size computation below.
        guard bins < 1 << 16, frames < 1 << 28 else { return nil }
        let count = 32 + 4 * (bins + bins * frames)
        guard bytes.count == count + 8 else { return nil }
        var check = Fingerprint()
        check.add(Array(bytes[0..<count]))
        guard check.value == u64(count) else { return nil }
        let floats = bytes.withUnsafeBytes { raw in
            (0..<(bins + bins * frames)).map {
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 32 + 4 * $0, as: UInt32.self)))
            }
        }
        return FeatureImage(
            bins: bins, frames: frames, values: Array(floats[bins...]),
            secondsPerFrame: Double(bitPattern: u64(16)), startSeconds: Double(bitPattern: u64(24)),
            binFrequencies: Array(floats[..<bins]))
    }
}
