/// A layer in JSON as every version has read and written it: `{"type": "conv2d", "filters": 16}`,
/// the fields of one flat object, a field left out when it is nil. Fields another type reads
/// are ignored (earlier versions wrote `cell` on `lstm` and `gru` layers); an unknown type or a
/// missing required field is an error that names it.
extension LayerSpec: Codable {
    /// Every field a layer type reads, in the order earlier versions wrote them.
    private enum Field: String, CodingKey {
        case type, filters, kernel, stride, padding, bias, size, pool, units, cell, returnSequences, mode
        case rate, momentum, epsilon, slope, alpha, shape, order, merge
    }

    public init(from decoder: Decoder) throws {
        let fields = try decoder.container(keyedBy: Field.self)
        let type = try fields.decode(String.self, forKey: .type)
        guard let kind = Kind(rawValue: type) else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: fields, debugDescription: "unknown layer type '\(type)'")
        }
        func optional<T: Decodable>(_ field: Field) throws -> T? {
            try fields.decodeIfPresent(T.self, forKey: field)
        }
        func required<T: Decodable>(_ field: Field) throws -> T {
            guard let value: T = try optional(field) else {
                throw DecodingError.keyNotFound(
                    field, .init(codingPath: fields.codingPath, debugDescription: "\(type) needs \(field.stringValue)"))
            }
            return value
        }
        /// A named choice (`cell`, `mode`), with the allowed names in the error.
        func choice<T: RawRepresentable & CaseIterable>(_ field: Field) throws -> T? where T.RawValue == String {
            guard let name: String = try optional(field) else { return nil }
            guard let value = T(rawValue: name) else {
                let names = T.allCases.map(\.rawValue)
                throw DecodingError.dataCorruptedError(
                    forKey: field, in: fields,
                    debugDescription: "\(field.stringValue) must be \(names.dropLast().joined(separator: ", ")) "
                        + "or \(names.last ?? ""), not \(name)")
            }
            return value
        }
        switch kind {
        case .conv2D:
            self = .conv2D(
                filters: try required(.filters), kernel: try optional(.kernel), stride: try optional(.stride),
                padding: try optional(.padding), bias: try optional(.bias))
        case .maxPool: self = .maxPool(size: try optional(.size), pool: try optional(.pool), stride: try optional(.stride))
        case .avgPool: self = .avgPool(size: try optional(.size), pool: try optional(.pool), stride: try optional(.stride))
        case .globalAvgPool: self = .globalAvgPool
        case .globalMaxPool: self = .globalMaxPool
        case .batchNorm: self = .batchNorm(momentum: try optional(.momentum), epsilon: try optional(.epsilon))
        case .layerNorm: self = .layerNorm(epsilon: try optional(.epsilon))
        case .dropout: self = .dropout(rate: try optional(.rate))
        case .dense: self = .dense(units: try required(.units), bias: try optional(.bias))
        case .flatten: self = .flatten
        case .reshape: self = .reshape(shape: try required(.shape))
        case .permute: self = .permute(order: try required(.order), merge: try optional(.merge))
        case .imageToSequence: self = .imageToSequence
        case .relu: self = .relu
        case .leakyReLU: self = .leakyReLU(slope: try optional(.slope))
        case .elu: self = .elu(alpha: try optional(.alpha))
        case .tanh: self = .tanh
        case .sigmoid: self = .sigmoid
        case .softmax: self = .softmax
        case .lstm: self = .lstm(units: try required(.units), returnSequences: try optional(.returnSequences))
        case .gru: self = .gru(units: try required(.units), returnSequences: try optional(.returnSequences))
        case .bidirectional:
            self = .bidirectional(
                cell: try choice(.cell), units: try required(.units), returnSequences: try optional(.returnSequences))
        case .sequencePool: self = .sequencePool(mode: try choice(.mode))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var fields = encoder.container(keyedBy: Field.self)
        try fields.encode(type, forKey: .type)
        func put<T: Encodable>(_ value: T?, _ field: Field) throws {
            try fields.encodeIfPresent(value, forKey: field)
        }
        switch self {
        case let .conv2D(filters, kernel, stride, padding, bias):
            try put(filters, .filters)
            try put(kernel, .kernel)
            try put(stride, .stride)
            try put(padding, .padding)
            try put(bias, .bias)
        case let .maxPool(size, pool, stride), let .avgPool(size, pool, stride):
            try put(stride, .stride)
            try put(size, .size)
            try put(pool, .pool)
        case let .batchNorm(momentum, epsilon):
            try put(momentum, .momentum)
            try put(epsilon, .epsilon)
        case let .layerNorm(epsilon): try put(epsilon, .epsilon)
        case let .dropout(rate): try put(rate, .rate)
        case let .dense(units, bias):
            try put(bias, .bias)
            try put(units, .units)
        case let .reshape(shape): try put(shape, .shape)
        case let .permute(order, merge):
            try put(order, .order)
            try put(merge, .merge)
        case let .leakyReLU(slope): try put(slope, .slope)
        case let .elu(alpha): try put(alpha, .alpha)
        case let .lstm(units, returnSequences), let .gru(units, returnSequences):
            try put(units, .units)
            try put(returnSequences, .returnSequences)
        case let .bidirectional(cell, units, returnSequences):
            try put(units, .units)
            try put(cell?.rawValue, .cell)
            try put(returnSequences, .returnSequences)
        case let .sequencePool(mode): try put(mode?.rawValue, .mode)
        case .globalAvgPool, .globalMaxPool, .flatten, .imageToSequence, .relu, .tanh, .sigmoid, .softmax:
            break
        }
    }
}
