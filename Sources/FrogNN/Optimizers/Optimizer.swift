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
/// Adam, SGD and RMSprop share their step in `OptimizerBase` and each write only the update of
/// one parameter, `applySingle` (as mlx-swift's optimisers do).
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
    /// Per-parameter multipliers of `learningRate`, in the order of `parameters` (all 1 by
    /// default). A parameter whose scale is 0 is frozen: `step()` leaves its value, its slots
    /// and its own step count untouched (no weight decay, no momentum drift).
    var learningRateScales: [Float] { get set }
}

extension Optimizer {
    /// Sets every parameter's gradient to zero (backward accumulates, so call this per step).
    public func zeroGradients() {
        for p in parameters { p.parameter.grad.zero() }
    }

    /// Sets the learning-rate scale of the parameters named in `names` (0 freezes them).
    public func setLearningRateScale(_ scale: Float, forParametersNamed names: Set<String>) {
        precondition(scale >= 0, "a learning-rate scale must be ≥ 0")
        var scales = learningRateScales
        for (index, named) in parameters.enumerated() where names.contains(named.name) { scales[index] = scale }
        learningRateScales = scales
    }
}

/// The step loop Adam, SGD and RMSprop share; a subclass writes only `applySingle`.
///
/// As mlx-swift's `OptimizerBase`: it keeps the trainable parameters, their slots,
/// learning-rate scales and step counts, skips frozen parameters and hands each other one, with
/// its learning rate, step and slots, to the subclass's per-parameter rule.
public class OptimizerBase: Optimizer {
    public let parameters: [NamedParameter]
    public var learningRate: Float
    private var state: OptimizerState

    /// `slotNames`: the per-parameter buffers `applySingle` receives, in this order.
    init(parameters: [NamedParameter], learningRate: Float, slotNames: [String]) {
        self.parameters = parameters.filter { $0.parameter.trainable }
        self.learningRate = learningRate
        state = OptimizerState(slotNames: slotNames, parameters: self.parameters)
    }

    public var stepCount: Int { state.stepCount }

    public var learningRateScales: [Float] {
        get { state.scales }
        set { state.setScales(newValue) }
    }

    public final func step() {
        for (index, named) in parameters.enumerated() {
            let scale = state.scales[index]
            // A frozen parameter: no update, no decay, no slot drift.
            guard scale > 0 else { continue }
            let update = ParameterUpdate(
                learningRate: learningRate * scale, step: state.steps[index] + 1,
                slots: state.slots.map { $0[index].pointer })
            let p = named.parameter
            p.grad.data.withUnsafeBufferPointer { gradient in
                p.value.data.withUnsafeMutableBufferPointer { theta in
                    applySingle(gradient: gradient, parameter: theta, update)
                }
            }
        }
        state.finishStep()
    }

    /// Updates one parameter in place from its gradient: the optimiser's rule, the only part
    /// that differs between optimisers (weight decay included, as each applies it its own way).
    func applySingle(
        gradient: UnsafeBufferPointer<Float>, parameter theta: UnsafeMutableBufferPointer<Float>,
        _ update: ParameterUpdate
    ) {
        preconditionFailure("\(type(of: self)) must implement applySingle")
    }

    public final func stateTensors() -> [String: Tensor] { state.export() }

    public final func restoreState(_ tensors: [String: Tensor], stepCount: Int) throws {
        try state.restore(tensors, stepCount: stepCount)
    }
}

/// What `applySingle` knows of the parameter it updates besides its values and gradient.
struct ParameterUpdate {
    /// The optimiser's learning rate times this parameter's scale.
    let learningRate: Float
    /// This parameter's step, from 1 (steps it was frozen for do not count).
    let step: Int
    /// The parameter's slot buffers (as many floats as it has), in the optimiser's slot order.
    let slots: [UnsafeMutablePointer<Float>]
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
///
/// Each parameter also has a learning-rate scale and its own step count (PyTorch keeps
/// `state["step"]` per parameter too): a parameter frozen for a while and then released starts
/// Adam's bias correction from its own first step, not from the optimiser's. Step counts that
/// differ from `stepCount` are exported as `step.<parameter name>` (a one-element tensor).
struct OptimizerState {
    static let stepSlot = "step"
    let slotNames: [String]
    let parameters: [NamedParameter]
    /// slots[slot][parameter]
    let slots: [[SlotBuffer]]
    var stepCount = 0
    /// Multipliers of the learning rate; 0 = frozen (skipped by `step()`).
    var scales: [Float]
    /// Steps each parameter has taken (frozen steps do not count).
    var steps: [Int]

    init(slotNames: [String], parameters: [NamedParameter]) {
        self.slotNames = slotNames
        self.parameters = parameters
        slots = slotNames.map { _ in parameters.map { SlotBuffer(count: $0.parameter.value.count) } }
        scales = [Float](repeating: 1, count: parameters.count)
        steps = [Int](repeating: 0, count: parameters.count)
    }

    /// Replaces the scales, checking there is one per parameter.
    mutating func setScales(_ newValue: [Float]) {
        precondition(newValue.count == parameters.count, "one learning-rate scale per parameter")
        precondition(newValue.allSatisfy { $0 >= 0 }, "learning-rate scales must be ≥ 0")
        scales = newValue
    }

    /// Ends a step: every parameter that was updated (scale > 0) counts it.
    mutating func finishStep() {
        for index in steps.indices where scales[index] > 0 { steps[index] += 1 }
        stepCount += 1
    }

    func export() -> [String: Tensor] {
        var out: [String: Tensor] = [:]
        for (i, p) in parameters.enumerated() where steps[i] != stepCount {
            out["\(Self.stepSlot).\(p.name)"] = Tensor(shape: [1], data: [Float(steps[i])])
        }
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
        // Checkpoints without per-parameter counts (all parameters always trained) use the total.
        steps = parameters.map { p in
            tensors["\(Self.stepSlot).\(p.name)"].flatMap { $0.data.first }.map { Int($0) } ?? stepCount
        }
        self.stepCount = stepCount
    }
}
