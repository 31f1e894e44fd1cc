import Foundation
import FrogNN

/// Checkpoints: FrogNN's `Checkpoint` (weights, optimiser moments, dropout generators) plus the
/// trainer's own state; the best weights so far are in the run's `model.safetensors`, so
/// `--resume` continues exactly.
extension Trainer {
    static let stateKey = "trainer_state"

    func saveCheckpoint(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let stateJSON = String(decoding: try encoder.encode(state), as: UTF8.self)
        try Checkpoint.save(
            model: network, optimizer: optimizer, metadata: [Self.stateKey: stateJSON], to: URL(fileURLWithPath: path))
    }

    /// Restores the checkpoint at `path`, and the best weights from `bestModelPath`.
    func restore(from path: String, bestModelPath: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigError.missingData(path: path, hint: "nothing to resume: the run has no checkpoint yet")
        }
        let metadata = try Checkpoint.restore(from: URL(fileURLWithPath: path), model: network, optimizer: optimizer)
        guard let json = metadata[Self.stateKey],
            let restored = try? JSONDecoder().decode(TrainerState.self, from: Data(json.utf8))
        else { throw ModelError.corrupt(path: path, reason: "no trainer state: not a frogscan training checkpoint") }
        state = restored
        guard state.bestEpoch > 0 else { return }
        let best = try SafeTensors.read(from: URL(fileURLWithPath: bestModelPath))
        bestWeights = try network.namedTensors.map { current in
            guard let tensor = best.tensors[current.name], tensor.shape == current.tensor.shape else {
                throw ModelError.corrupt(path: bestModelPath, reason: "best weights do not match the checkpoint's model")
            }
            return NamedTensor(name: current.name, tensor: tensor)
        }
    }
}

extension SafeTensorsFile {
    /// A file value holding just these tensors (for `Sequential.loadWeights(from:)`).
    init(weights: [NamedTensor]) {
        self.init(
            names: weights.map(\.name),
            tensors: Dictionary(weights.map { ($0.name, $0.tensor) }, uniquingKeysWith: { first, _ in first }),
            metadata: [:])
    }
}
