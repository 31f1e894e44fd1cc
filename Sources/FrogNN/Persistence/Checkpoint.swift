import Foundation

/// A training checkpoint: the model file plus optimiser state (`optimizer.<slot>.<param>`
/// tensors), step count, learning rate and the dropout generators' states in the metadata, so
/// training resumes bit-exactly from where it stopped.
public enum Checkpoint {
    static let stepKey = "optimizer_step"
    static let learningRateKey = "optimizer_learning_rate_bits"
    static let generatorPrefix = "rng.layers."

    /// Writes model, optimiser and random state (atomically); `metadata` adds caller entries
    /// (epoch, best metric …) and `extraTensors` caller tensors (e.g. a weight average), whose
    /// names must not clash with the model's or start with `optimizer.`.
    public static func save(
        model: Sequential, optimizer: Optimizer, metadata: [String: String] = [:], extraTensors: [NamedTensor] = [],
        to url: URL
    ) throws {
        var extra = metadata
        extra[stepKey] = String(optimizer.stepCount)
        extra[learningRateKey] = String(optimizer.learningRate.bitPattern)
        for (index, layer) in model.layers.enumerated() {
            if let dropout = layer as? Dropout {
                extra[generatorPrefix + String(index)] = dropout.generator.stateWords.map { String($0) }.joined(separator: ",")
            }
        }
        let state = optimizer.stateTensors().sorted { $0.key < $1.key }
            .map { NamedTensor(name: "optimizer." + $0.key, tensor: $0.value) }
        try SafeTensors.write(model.namedTensors + state + extraTensors, metadata: try model.fileMetadata(extra), to: url)
    }

    /// Restores weights, optimiser and random state into an existing model and optimiser (built
    /// from the same spec); returns the metadata.
    @discardableResult
    public static func restore(from url: URL, model: Sequential, optimizer: Optimizer) throws -> [String: String] {
        try restore(try SafeTensors.read(from: url), path: url.path, model: model, optimizer: optimizer)
    }

    /// As `restore(from:model:optimizer:)` for a checkpoint already read from `path` (a caller
    /// that also needs its own extra tensors reads the file once).
    @discardableResult
    public static func restore(_ file: SafeTensorsFile, path: String, model: Sequential, optimizer: Optimizer) throws -> [String: String] {
        func fail(_ reason: String) -> FrogNNError { .invalidFile(path: path, reason: reason) }
        guard let step = file.metadata[stepKey].flatMap(Int.init),
            let rateBits = file.metadata[learningRateKey].flatMap(UInt32.init)
        else { throw fail("not a checkpoint: no optimiser step in the metadata") }
        var state: [String: Tensor] = [:]
        for (name, tensor) in file.tensors where name.hasPrefix("optimizer.") {
            state[String(name.dropFirst("optimizer.".count))] = tensor
        }
        do {
            try model.loadWeights(from: file)
            try optimizer.restoreState(state, stepCount: step)
        } catch let error as FrogNNError {
            throw fail(error.description)
        }
        optimizer.learningRate = Float(bitPattern: rateBits)
        for (index, layer) in model.layers.enumerated() {
            guard let dropout = layer as? Dropout, let text = file.metadata[generatorPrefix + String(index)] else { continue }
            let words = text.split(separator: ",").compactMap { UInt64($0) }
            guard words.count == 4 else { throw fail("dropout generator state of layer \(index) is malformed") }
            dropout.generator = SeededRNG(stateWords: words)
        }
        return file.metadata
    }
}
