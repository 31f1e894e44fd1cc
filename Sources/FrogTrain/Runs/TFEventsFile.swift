import Foundation

/// A TensorBoard event file (`events.out.tfevents.<time>.<host>`) of scalar curves, so that
/// `tensorboard --logdir runs/` shows training.
///
/// Each record is TFRecord-framed: uint64 length (little-endian), masked CRC-32C of those 8
/// bytes, the encoded `Event`, masked CRC-32C of the event. Records are appended and flushed as
/// they come, so a crashed run still shows its curves.
public final class TFEventsWriter {
    /// The file being written.
    public let path: String
    private let handle: FileHandle

    /// Creates `directory/events.out.tfevents.<seconds>.<host>` with the version header event.
    public init(directory: String, wallTime: Double = Date().timeIntervalSince1970) throws {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"
        path = (directory as NSString).appendingPathComponent(
            "events.out.tfevents.\(Int(wallTime)).\(host)")
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw TFEventsError(description: "cannot create \(path)") }
        self.handle = handle
        try write(TFEvent(wallTime: wallTime, step: 0, fileVersion: "brain.Event:2"))
    }

    deinit { try? handle.close() }

    /// Appends scalars for one step (an epoch).
    public func add(step: Int, scalars: [(tag: String, value: Float)], wallTime: Double = Date().timeIntervalSince1970) throws {
        try write(TFEvent(wallTime: wallTime, step: Int64(step), scalars: scalars))
    }

    private func write(_ event: TFEvent) throws {
        try handle.write(contentsOf: Data(TFRecord.frame(event.encoded())))
    }
}

/// TFRecord framing of one payload, and reading framed payloads back (checking both CRCs).
public enum TFRecord {
    public static func frame(_ payload: [UInt8]) -> [UInt8] {
        var length: [UInt8] = []
        appendLittleEndian(UInt64(payload.count), to: &length)
        var out = length
        appendLittleEndian(CRC32C.masked(length), to: &out)
        out += payload
        appendLittleEndian(CRC32C.masked(payload), to: &out)
        return out
    }

    /// The payloads in `bytes`; throws on a bad checksum or a truncated record.
    public static func payloads(_ bytes: [UInt8]) throws -> [[UInt8]] {
        var result: [[UInt8]] = []
        var position = 0
        func word<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
            let size = T.bitWidth / 8
            guard position + size <= bytes.count else { throw TFEventsError(description: "truncated record at byte \(position)") }
            var value: T = 0
            for i in 0..<size { value |= T(bytes[position + i]) << (8 * i) }
            position += size
            return value
        }
        while position < bytes.count {
            let lengthBytes = Array(bytes[position..<min(position + 8, bytes.count)])
            let length = Int(try word(UInt64.self))
            guard try word(UInt32.self) == CRC32C.masked(lengthBytes) else {
                throw TFEventsError(description: "bad length checksum at byte \(position - 12)")
            }
            guard length >= 0, position + length <= bytes.count else {
                throw TFEventsError(description: "truncated record at byte \(position)")
            }
            let payload = Array(bytes[position..<position + length])
            position += length
            guard try word(UInt32.self) == CRC32C.masked(payload) else {
                throw TFEventsError(description: "bad data checksum at byte \(position - 4)")
            }
            result.append(payload)
        }
        return result
    }

    /// Every event in an event file.
    public static func readEvents(path: String) throws -> [TFEvent] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TFEventsError(description: "cannot read \(path)")
        }
        return try payloads([UInt8](data)).map { try TFEvent(decoding: $0) }
    }
}
