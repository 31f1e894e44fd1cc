import Foundation
import FrogConfig
import FrogModel
import FrogNN

/// Checkpoints: FrogNN's `Checkpoint` (weights, optimiser moments, dropout generators) plus the
/// trainer's own state; the best weights so far are in the run's `model.safetensors`, so
/// `--resume` continues exactly.
extension Trainer {
    static let stateKey = "trainer_state"
    static let averagePrefix = "ema."
    static let averageUpdatesKey = "ema_updates"
    static let nonFinite = (
        encoding: JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan"),
        decoding: JSONDecoder.NonConformingFloatDecodingStrategy.convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan"))
    static var stateDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = nonFinite.decoding
        return decoder
    }

    func saveCheckpoint(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // The plateau's best starts at +∞ (and stays there while reduce-on-plateau is off), and a
        // diverged run's metrics are NaN: JSON has no such numbers, so they travel as strings.
        encoder.nonConformingFloatEncodingStrategy = Self.nonFinite.encoding
        let stateJSON = String(decoding: try encoder.encode(state), as: UTF8.self)
        var metadata = [Self.stateKey: stateJSON]
        var averaged: [NamedTensor] = []
        if let average {
            metadata[Self.averageUpdatesKey] = String(average.updates)
            averaged = average.tensors.map { NamedTensor(name: Self.averagePrefix + $0.name, tensor: $0.tensor) }
        }
        try Checkpoint.save(
            model: network, optimizer: optimizer, metadata: metadata, extraTensors: averaged, to: URL(fileURLWithPath: path))
    }

    /// Restores the checkpoint at `path`, and the best weights from `bestModelPath`.
    func restore(from path: String, bestModelPath: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DataError.noCheckpoint(run: (path as NSString).deletingLastPathComponent, checkpoint: path)
        }
        let file = try SafeTensors.read(from: URL(fileURLWithPath: path))
        let metadata = try Checkpoint.restore(file, path: path, model: network, optimizer: optimizer)
        guard let json = metadata[Self.stateKey],
            let restored = try? Self.stateDecoder.decode(TrainerState.self, from: Data(json.utf8))
        else { throw ModelError.corrupt(path: path, reason: "no trainer state: not a frogscan training checkpoint") }
        state = restored
        if let relabelled = restored.relabelled { applyRelabel(relabelled) }
        if let average {
            let missing = ModelError.corrupt(
                path: path, reason: "no weight average in the checkpoint: it was saved without train.ema_decay")
            guard let updates = metadata[Self.averageUpdatesKey].flatMap(Int.init) else { throw missing }
            let tensors = try network.namedTensors.map { current in
                guard let tensor = file.tensors[Self.averagePrefix + current.name], tensor.shape == current.tensor.shape
                else { throw missing }
                return NamedTensor(name: current.name, tensor: tensor)
            }
            self.average = WeightAverage(tensors: tensors, updates: updates, decay: average.decay)
        }
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
