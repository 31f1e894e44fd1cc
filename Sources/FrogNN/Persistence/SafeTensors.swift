import Foundation

/// The contents of a `.safetensors` file: named Float32 tensors and the `__metadata__` strings.
public struct SafeTensorsFile: Equatable {
    /// Tensor names in file order.
    public var names: [String]
    public var tensors: [String: Tensor]
    public var metadata: [String: String]

    public init(names: [String], tensors: [String: Tensor], metadata: [String: String]) {
        self.names = names
        self.tensors = tensors
        self.metadata = metadata
    }

    /// A file value holding just these tensors, no metadata (for `Sequential.loadWeights(from:)`).
    public init(weights: [NamedTensor]) {
        self.init(
            names: weights.map(\.name),
            tensors: Dictionary(weights.map { ($0.name, $0.tensor) }, uniquingKeysWith: { first, _ in first }),
            metadata: [:])
    }
}

/// Reads and writes the safetensors format (as Python's `safetensors` does): an 8-byte
/// little-endian header length, a JSON header mapping each name to `dtype`, `shape` and
/// `data_offsets` (relative to the data section) plus an optional `__metadata__` string map,
/// padded with spaces to a multiple of 8, then the raw little-endian data. Only F32 is supported.
public enum SafeTensors {
    /// Encodes tensors (in the given order, contiguously) and metadata into file bytes.
    public static func encode(_ tensors: [NamedTensor], metadata: [String: String] = [:]) throws -> Data {
        var header: [String: Any] = [:]
        var offset = 0
        var seen = Set<String>()
        for item in tensors {
            guard item.name != "__metadata__", seen.insert(item.name).inserted else {
                throw FrogNNError.invalidSpec("duplicate or reserved tensor name '\(item.name)'")
            }
            let bytes = item.tensor.count * 4
            header[item.name] = ["dtype": "F32", "shape": item.tensor.shape, "data_offsets": [offset, offset + bytes]]
            offset += bytes
        }
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        // Pad with spaces so the data section starts 8-byte aligned.
        while json.count % 8 != 0 { json.append(UInt8(ascii: " ")) }
        var out = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(json)
        for item in tensors {
            item.tensor.data.withUnsafeBufferPointer { buffer in
                // Float32 bit patterns are written little-endian (the host order here).
                let words = buffer.map { $0.bitPattern.littleEndian }
                words.withUnsafeBytes { out.append(contentsOf: $0) }
            }
        }
        return out
    }

    /// Writes atomically (a temporary file renamed into place), so a crash never leaves half a model.
    public static func write(_ tensors: [NamedTensor], metadata: [String: String] = [:], to url: URL) throws {
        let data = try encode(tensors, metadata: metadata)
        do {
            try data.write(to: url, options: [.atomic])
        } catch {
            throw FrogNNError.invalidFile(path: url.path, reason: "cannot write: \(error.localizedDescription)")
        }
    }

    /// Reads and validates a file.
    public static func read(from url: URL) throws -> SafeTensorsFile {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: [.mappedIfSafe])
        } catch {
            throw FrogNNError.invalidFile(path: url.path, reason: "cannot read: \(error.localizedDescription)")
        }
        return try decode(data, path: url.path)
    }

    /// Parses file bytes; `path` only labels errors. The header must describe the data
    /// section exactly (as Python's `safetensors` requires): tensors lie back to back from its
    /// first byte to its last, so a header-length field that is off by even one byte, which
    /// would shift every weight, is refused. Every value must be finite.
    public static func decode(_ data: Data, path: String = "<memory>") throws -> SafeTensorsFile {
        func fail(_ reason: String) -> FrogNNError { .invalidFile(path: path, reason: reason) }
        guard data.count >= 8 else { throw fail("truncated: \(data.count) bytes, not a safetensors file") }
        let headerLength = data.prefix(8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard headerLength <= UInt64(data.count - 8), headerLength <= 100_000_000 else {
            throw fail("header length \(headerLength) exceeds the file size \(data.count) (truncated or not a safetensors file)")
        }
        let headerBytes = data.subdata(in: 8..<(8 + Int(headerLength)))
        guard headerBytes.first == UInt8(ascii: "{"),
            let object = try? JSONSerialization.jsonObject(with: headerBytes),
            let header = object as? [String: Any]
        else {
            throw fail("the \(headerLength)-byte header is not a JSON object (a wrong header-length field, or not a safetensors file)")
        }
        let body = data.count - 8 - Int(headerLength)
        let base = 8 + Int(headerLength)
        var metadata: [String: String] = [:]
        var entries: [(name: String, begin: Int, end: Int, shape: [Int])] = []
        for (name, value) in header {
            if name == "__metadata__" {
                guard let map = value as? [String: String] else { throw fail("__metadata__ must map strings to strings") }
                metadata = map
                continue
            }
            guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
                let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int],
                offsets.count == 2
            else { throw fail("tensor '\(name)' lacks dtype, shape or data_offsets") }
            guard dtype == "F32" else { throw fail("tensor '\(name)' has dtype \(dtype); only F32 is supported") }
            guard shape.allSatisfy({ $0 >= 0 }) else { throw fail("tensor '\(name)' has a negative dimension") }
            let begin = offsets[0], end = offsets[1]
            guard begin >= 0, begin <= end, end <= body else {
                throw fail("tensor '\(name)' offsets \(offsets) lie outside the \(body)-byte data section (truncated?)")
            }
            // The product may overflow for a hostile shape; such a tensor cannot fit anyway.
            let bytes = shape.reduce((value: 4, overflow: false)) { product, dimension in
                let next = product.value.multipliedReportingOverflow(by: dimension)
                return (next.partialValue, product.overflow || next.overflow)
            }
            guard !bytes.overflow, end - begin == bytes.value else {
                throw fail("tensor '\(name)' has \(end - begin) bytes for shape \(shape)")
            }
            entries.append((name, begin, end, shape))
        }
        entries.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var covered = 0
        for entry in entries {
            guard entry.begin == covered else {
                let what = entry.begin < covered ? "overlaps the tensor before it" : "leaves a gap of \(entry.begin - covered) bytes before it"
                throw fail("tensor '\(entry.name)' at data offset \(entry.begin) \(what) (a damaged header)")
            }
            covered = entry.end
        }
        guard covered == body else {
            throw fail(
                "the tensors cover \(covered) bytes but the data section holds \(body) after a \(headerLength)-byte header "
                    + "(a wrong header-length field or bytes appended; every weight would be misread)")
        }
        var tensors: [String: Tensor] = [:]
        for entry in entries {
            let count = (entry.end - entry.begin) / 4
            var values = [Float](repeating: 0, count: count)
            data.withUnsafeBytes { raw in
                let start = raw.baseAddress! + base + entry.begin
                for i in 0..<count {
                    values[i] = Float(bitPattern: UInt32(littleEndian: (start + 4 * i).loadUnaligned(as: UInt32.self)))
                }
            }
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw fail("tensor '\(entry.name)' holds \(values[bad]) at index \(bad); weights must be finite (a diverged or damaged model)")
            }
            tensors[entry.name] = Tensor(shape: entry.shape, data: values)
        }
        return SafeTensorsFile(names: entries.map(\.name), tensors: tensors, metadata: metadata)
    }
}

/// A tensor with the name it is stored under.
public struct NamedTensor: Equatable {
    public var name: String
    public var tensor: Tensor

    public init(name: String, tensor: Tensor) {
        self.name = name
        self.tensor = tensor
    }
}
