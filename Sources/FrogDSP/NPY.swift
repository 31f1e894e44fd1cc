import Foundation

/// NumPy `.npy` files of little-endian float32 (`<f4`), C order, format version 1.0: what
/// `frogscan spectrogram -o X.npy` writes and the fixture generators write.
public enum NPY {
    /// Problems reading a `.npy` file.
    public enum Error: Swift.Error, CustomStringConvertible, Equatable {
        case notNPY(String)
        case unsupported(String, reason: String)
        case truncated(String)

        public var description: String {
            switch self {
            case .notNPY(let path): return "\(path): not a NumPy .npy file (bad magic)"
            case .unsupported(let path, let reason): return "\(path): unsupported .npy: \(reason)"
            case .truncated(let path): return "\(path): truncated .npy data"
            }
        }
    }

    /// The bytes of a `.npy` file holding `values` with `shape`.
    public static func encode(_ values: [Float], shape: [Int]) -> Data {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
        let dims = shape.count == 1 ? "\(shape[0])," : shape.map(String.init).joined(separator: ", ")
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(dims)), }"
        // Pad with spaces so magic (6) + version (2) + length (2) + header + "\n" is a multiple of 64.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        values.withUnsafeBufferPointer { buffer in
            for v in buffer {
                var bits = v.bitPattern.littleEndian
                withUnsafeBytes(of: &bits) { data.append(contentsOf: $0) }
            }
        }
        return data
    }

    /// A feature image as `[frames, bins]`.
    public static func encode(_ image: FeatureImage) -> Data {
        encode(image.values, shape: [image.frames, image.bins])
    }

    /// Parses `.npy` bytes (float32 or float64, C order, version 1.x/2.x); float64 is rounded
    /// to float32. `path` only names the file in errors.
    public static func decode(_ data: Data, path: String = "<data>") throws -> (values: [Float], shape: [Int]) {
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw Error.notNPY(path)
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        if major == 1 {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        } else if major == 2 || major == 3 {
            guard bytes.count >= 12 else { throw Error.truncated(path) }
            headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
            headerStart = 12
        } else {
            throw Error.unsupported(path, reason: "version \(major)")
        }
        guard bytes.count >= headerStart + headerLength else { throw Error.truncated(path) }
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        let width: Int
        if header.contains("'<f4'") {
            width = 4
        } else if header.contains("'<f8'") {
            width = 8
        } else {
            throw Error.unsupported(path, reason: "dtype in \(header) (need <f4 or <f8)")
        }
        if header.contains("'fortran_order': True") {
            throw Error.unsupported(path, reason: "Fortran order")
        }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw Error.unsupported(path, reason: "no shape in \(header)")
        }
        var shape: [Int] = []
        for part in header[open.upperBound..<close].split(separator: ",") {
            let text = part.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            guard let dimension = Int(text), dimension >= 0 else {
                throw Error.unsupported(path, reason: "shape entry '\(text)' in \(header)")
            }
            shape.append(dimension)
        }
        // The values must fit in the bytes after the header; counted without overflowing, so a
        // shape of huge dimensions is a truncated file, not a trap.
        let dataStart = headerStart + headerLength
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw Error.truncated(path) }
            count = product
        }
        guard count <= (bytes.count - dataStart) / width else { throw Error.truncated(path) }
        var values = [Float](repeating: 0, count: count)
        for i in 0..<count {
            let at = dataStart + i * width
            if width == 4 {
                let bits = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * $1) }
                values[i] = Float(bitPattern: bits)
            } else {
                let bits = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * $1) }
                values[i] = Float(Double(bitPattern: bits))
            }
        }
        return (values, shape)
    }

    /// Reads a `.npy` file.
    public static func read(contentsOf url: URL) throws -> (values: [Float], shape: [Int]) {
        try decode(Data(contentsOf: url), path: url.path)
    }
}
