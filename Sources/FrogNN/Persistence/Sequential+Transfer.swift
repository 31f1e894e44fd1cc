/// What became of one tensor when weights were copied from another model
/// (`Sequential.copyMatchingWeights(from:excluding:)`).
public struct WeightTransfer: Equatable, Sendable {
    public enum Action: String, Sendable {
        /// Name and shape matched: the source's values were copied.
        case copied
        /// This model's tensor kept its fresh initial values (not in the source, or excluded).
        case new
        /// The source's tensor was not used (its shape differs, or this model has no such name).
        case skipped
    }

    public var name: String
    public var action: Action
    /// Shape in this model (nil: only the source has the tensor).
    public var shape: [Int]?
    /// Shape in the source model (nil: only this model has it).
    public var sourceShape: [Int]?
    /// Why it was not copied ("" when copied).
    public var reason: String

    public init(name: String, action: Action, shape: [Int]?, sourceShape: [Int]?, reason: String) {
        self.name = name
        self.action = action
        self.shape = shape
        self.sourceShape = sourceShape
        self.reason = reason
    }
}

extension Sequential {
    /// Transfer learning: copies into this model every parameter and buffer of `source` whose
    /// name (`layers.<i>.<name>`) and shape match, except those in `excluding` (name → why),
    /// which keep their initial values. Returns one entry per tensor of either model: this
    /// model's in order, then the source's that have no counterpart here.
    ///
    /// Values are copied bit for bit; nothing is resized or partially copied.
    @discardableResult
    public func copyMatchingWeights(from source: [NamedTensor], excluding: [String: String] = [:]) -> [WeightTransfer] {
        let byName = Dictionary(source.map { ($0.name, $0.tensor) }, uniquingKeysWith: { first, _ in first })
        var report: [WeightTransfer] = []
        var seen = Set<String>()
        for target in namedParameters + namedBuffers {
            let shape = target.parameter.value.shape
            seen.insert(target.name)
            guard let tensor = byName[target.name] else {
                report.append(WeightTransfer(
                    name: target.name, action: .new, shape: shape, sourceShape: nil, reason: "not in the init model"))
                continue
            }
            if let why = excluding[target.name] {
                report.append(WeightTransfer(name: target.name, action: .new, shape: shape, sourceShape: tensor.shape, reason: why))
            } else if tensor.shape != shape {
                report.append(WeightTransfer(
                    name: target.name, action: .skipped, shape: shape, sourceShape: tensor.shape,
                    reason: "shape differs; initialised afresh"))
            } else {
                target.parameter.value = tensor
                report.append(WeightTransfer(name: target.name, action: .copied, shape: shape, sourceShape: tensor.shape, reason: ""))
            }
        }
        for named in source where !seen.contains(named.name) {
            report.append(WeightTransfer(
                name: named.name, action: .skipped, shape: nil, sourceShape: named.tensor.shape, reason: "not in this model"))
        }
        return report
    }
}
