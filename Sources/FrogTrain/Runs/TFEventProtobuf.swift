/// The few protobuf messages a TensorBoard scalar log needs, encoded and decoded by hand:
///
/// ```
/// Event   { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
/// Summary { repeated Value value = 1; }
/// Value   { string tag = 1; float simple_value = 2; }
/// ```
/// (tensorflow/core/util/event.proto and framework/summary.proto).
public struct TFEvent: Equatable, Sendable {
    public var wallTime: Double
    public var step: Int64
    /// Set only in a file's first event ("brain.Event:2").
    public var fileVersion: String?
    /// Scalars as (tag, value), in order.
    public var scalars: [(tag: String, value: Float)]

    public init(wallTime: Double, step: Int64, fileVersion: String? = nil, scalars: [(tag: String, value: Float)] = []) {
        self.wallTime = wallTime
        self.step = step
        self.fileVersion = fileVersion
        self.scalars = scalars
    }

    public static func == (lhs: TFEvent, rhs: TFEvent) -> Bool {
        lhs.wallTime == rhs.wallTime && lhs.step == rhs.step && lhs.fileVersion == rhs.fileVersion
            && lhs.scalars.map(\.tag) == rhs.scalars.map(\.tag)
            && lhs.scalars.map(\.value) == rhs.scalars.map(\.value)
    }

    /// The protobuf encoding.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.append(0x09)  // field 1, wire type 1 (64-bit)
        appendLittleEndian(wallTime.bitPattern, to: &out)
        out.append(0x10)  // field 2, varint
        appendVarint(UInt64(bitPattern: step), to: &out)
        if let fileVersion {
            appendLengthDelimited(field: 3, Array(fileVersion.utf8), to: &out)
        }
        if !scalars.isEmpty {
            var summary: [UInt8] = []
            for scalar in scalars {
                var value: [UInt8] = []
                appendLengthDelimited(field: 1, Array(scalar.tag.utf8), to: &value)
                value.append(0x15)  // field 2, wire type 5 (32-bit)
                appendLittleEndian(scalar.value.bitPattern, to: &value)
                appendLengthDelimited(field: 1, value, to: &summary)
            }
            appendLengthDelimited(field: 5, summary, to: &out)
        }
        return out
    }

    /// Decodes an encoded event; fields this type does not model are skipped.
    public init(decoding bytes: [UInt8]) throws {
        self.init(wallTime: 0, step: 0)
        var reader = ProtobufReader(bytes: bytes)
        while let (field, wire) = try reader.nextKey() {
            switch (field, wire) {
            case (1, 1): wallTime = Double(bitPattern: try reader.fixed64())
            case (2, 0): step = Int64(bitPattern: try reader.varint())
            case (3, 2): fileVersion = String(decoding: try reader.lengthDelimited(), as: UTF8.self)
            case (5, 2):
                var summary = ProtobufReader(bytes: try reader.lengthDelimited())
                while let (summaryField, summaryWire) = try summary.nextKey() {
                    guard summaryField == 1, summaryWire == 2 else { try summary.skip(wire: summaryWire); continue }
                    var value = ProtobufReader(bytes: try summary.lengthDelimited())
                    var tag = ""
                    var number: Float = 0
                    while let (valueField, valueWire) = try value.nextKey() {
                        switch (valueField, valueWire) {
                        case (1, 2): tag = String(decoding: try value.lengthDelimited(), as: UTF8.self)
                        case (2, 5): number = Float(bitPattern: try value.fixed32())
                        default: try value.skip(wire: valueWire)
                        }
                    }
                    scalars.append((tag, number))
                }
            default: try reader.skip(wire: wire)
            }
        }
    }
}

/// Malformed protobuf or TFRecord bytes.
public struct TFEventsError: Error, CustomStringConvertible {
    public var description: String
}

private func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
    var v = value
    while v >= 0x80 {
        out.append(UInt8(v & 0x7F) | 0x80)
        v >>= 7
    }
    out.append(UInt8(v))
}

private func appendLengthDelimited(field: Int, _ payload: [UInt8], to out: inout [UInt8]) {
    appendVarint(UInt64(field << 3 | 2), to: &out)
    appendVarint(UInt64(payload.count), to: &out)
    out += payload
}

func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
    for shift in stride(from: 0, to: T.bitWidth, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> shift)) }
}

/// Reads protobuf wire format field by field.
private struct ProtobufReader {
    let buffer: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.buffer = bytes }

    mutating func nextKey() throws -> (Int, Int)? {
        guard position < buffer.count else { return nil }
        let key = try varint()
        return (Int(key >> 3), Int(key & 7))
    }

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < buffer.count, shift < 64 else { throw TFEventsError(description: "truncated varint") }
            let byte = buffer[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func fixed64() throws -> UInt64 { try littleEndian(UInt64.self) }
    mutating func fixed32() throws -> UInt32 { try littleEndian(UInt32.self) }

    private mutating func littleEndian<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let size = T.bitWidth / 8
        guard position + size <= buffer.count else { throw TFEventsError(description: "truncated fixed field") }
        var value: T = 0
        for i in 0..<size { value |= T(buffer[position + i]) << (8 * i) }
        position += size
        return value
    }

    mutating func lengthDelimited() throws -> [UInt8] {
        let length = Int(try varint())
        guard length >= 0, position + length <= buffer.count else {
            throw TFEventsError(description: "truncated length-delimited field")
        }
        defer { position += length }
        return Array(buffer[position..<position + length])
    }

    mutating func skip(wire: Int) throws {
        switch wire {
        case 0: _ = try varint()
        case 1: _ = try fixed64()
        case 2: _ = try lengthDelimited()
        case 5: _ = try fixed32()
        default: throw TFEventsError(description: "unsupported wire type \(wire)")
        }
    }
}
