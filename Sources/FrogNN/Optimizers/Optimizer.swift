/// A parameter with its unique name within a model (`layers.3.weight`).
public struct NamedParameter {
    public let name: String
    public let parameter: Parameter

    public init(name: String, parameter: Parameter) {
        self.name = name
        self.parameter = parameter
    }
}

/// Updates a fixed list of parameters from their accumulated gradients, keeping per-parameter
/// state (momentum, moment estimates) that can be exported by name for checkpoints.
///
/// Only `update(index:parameter:state:)` differs between optimisers; the rest lives in
/// `OptimizerState`.
public protocol Optimizer: AnyObject {
    /// The parameters this optimiser updates, in a fixed order.
    var parameters: [NamedParameter] { get }
    /// Current learning rate (schedules set it between steps).
    var learningRate: Float { get set }
    /// Steps taken so far.
    var stepCount: Int { get }
    /// One update of every trainable parameter from its current gradient.
    func step()
    /// Per-parameter state as named tensors, `<slot>.<parameter name>` (e.g. `exp_avg.layers.0.weight`).
    func stateTensors() -> [String: Tensor]
    /// Restores state exported by `stateTensors()` and the step count, for a bit-exact resume.
    func restoreState(_ tensors: [String: Tensor], stepCount: Int) throws
}

extension Optimizer {
    /// Sets every parameter's gradient to zero (backward accumulates, so call this per step).
    public func zeroGradients() {
        for p in parameters { p.parameter.grad.zero() }
    }
}

/// One parameter's optimiser slot (a moment estimate, a momentum buffer): fixed-size storage
/// with a stable address, so the update loops run on raw pointers without copies.
final class SlotBuffer {
    let count: Int
    let pointer: UnsafeMutablePointer<Float>

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }
}

/// Named per-parameter slots shared by the optimisers: for each slot name, one zeroed buffer
/// per parameter; exported and restored as `<slot>.<parameter name>` tensors.
struct OptimizerState {
    let slotNames: [String]
    let parameters: [NamedParameter]
    /// slots[slot][parameter]
    let slots: [[SlotBuffer]]
    var stepCount = 0

    init(slotNames: [String], parameters: [NamedParameter]) {
        self.slotNames = slotNames
        self.parameters = parameters
        slots = slotNames.map { _ in parameters.map { SlotBuffer(count: $0.parameter.value.count) } }
    }

    func export() -> [String: Tensor] {
        var out: [String: Tensor] = [:]
        for (s, slot) in slotNames.enumerated() {
            for (i, p) in parameters.enumerated() {
                let buffer = slots[s][i]
                out["\(slot).\(p.name)"] = Tensor(
                    shape: p.parameter.value.shape,
                    data: Array(UnsafeBufferPointer(start: buffer.pointer, count: buffer.count)))
            }
        }
        return out
    }

    mutating func restore(_ tensors: [String: Tensor], stepCount: Int) throws {
        // Validate everything before changing anything, so a bad file leaves the state intact.
        for slot in slotNames {
            for p in parameters {
                let key = "\(slot).\(p.name)"
                guard let t = tensors[key] else { throw FrogNNError.missingTensor(name: key) }
                guard t.shape == p.parameter.value.shape else {
                    throw FrogNNError.shapeMismatch(name: key, expected: p.parameter.value.shape, found: t.shape)
                }
            }
        }
        for (s, slot) in slotNames.enumerated() {
            for (i, p) in parameters.enumerated() {
                let t = tensors["\(slot).\(p.name)"]!
                t.data.withUnsafeBufferPointer { slots[s][i].pointer.update(from: $0.baseAddress!, count: t.count) }
            }
        }
        self.stepCount = stepCount
    }
}
