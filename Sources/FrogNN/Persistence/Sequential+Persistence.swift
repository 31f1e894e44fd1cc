import Foundation

/// Saving and loading models as `.safetensors`: parameters and buffers under their
/// `layers.<i>.<name>` names, the spec's JSON under the metadata key `model_spec`.
extension Sequential {
    /// Metadata key holding the `ModelSpec` JSON.
    public static let specMetadataKey = "model_spec"

    /// Parameters then buffers, as named tensors.
    public var namedTensors: [NamedTensor] {
        (namedParameters + namedBuffers).map { NamedTensor(name: $0.name, tensor: $0.parameter.value) }
    }

    /// Writes weights, buffers and (when built from a spec) the spec; `metadata` adds entries
    /// such as preprocessing or class names.
    public func save(to url: URL, metadata: [String: String] = [:]) throws {
        try SafeTensors.write(namedTensors, metadata: try fileMetadata(metadata), to: url)
    }

    func fileMetadata(_ extra: [String: String]) throws -> [String: String] {
        var all = extra
        if let spec {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            all[Self.specMetadataKey] = String(decoding: try encoder.encode(spec), as: UTF8.self)
        }
        return all
    }

    /// Copies values of every parameter and buffer from `file`, checking names and shapes first.
    public func loadWeights(from file: SafeTensorsFile) throws {
        let targets = namedParameters + namedBuffers
        for target in targets {
            guard let t = file.tensors[target.name] else { throw FrogNNError.missingTensor(name: target.name) }
            guard t.shape == target.parameter.value.shape else {
                throw FrogNNError.shapeMismatch(name: target.name, expected: target.parameter.value.shape, found: t.shape)
            }
        }
        for target in targets { target.parameter.value = file.tensors[target.name]! }
    }

    /// Rebuilds a model saved with `save(to:metadata:)`: its spec, then its weights.
    /// Returns the model and the file's metadata.
    public static func load(from url: URL) throws -> (model: Sequential, metadata: [String: String]) {
        let file = try SafeTensors.read(from: url)
        guard let json = file.metadata[specMetadataKey] else {
            throw FrogNNError.invalidFile(path: url.path, reason: "no '\(specMetadataKey)' in the metadata: not a frogscan model")
        }
        let spec: ModelSpec
        do {
            spec = try JSONDecoder().decode(ModelSpec.self, from: Data(json.utf8))
        } catch {
            throw FrogNNError.invalidFile(path: url.path, reason: "model_spec is not a valid spec: \(error)")
        }
        let model = try ModelBuilder.build(spec, seed: 0)
        do {
            try model.loadWeights(from: file)
        } catch let error as FrogNNError {
            throw FrogNNError.invalidFile(path: url.path, reason: error.description)
        }
        return (model, file.metadata)
    }
}
