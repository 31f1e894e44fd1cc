import Foundation
import FrogConfig
import FrogCore
import FrogModel
import FrogNN

/// Fine-tuning's view of a network: which layers are the head, and the weights copied in from
/// an init model, with a report of what was copied, what is new and what was skipped.
///
/// **The head** is every layer after the network's last global or sequence pooling
/// (`global_avg_pool`, `global_max_pool`, the `flatten` after a time pooling, `sequence_pool`):
/// the dropout, the hidden dense layers with their activations, and the output layer. Everything
/// before it is **the features** (the body): convolution blocks with their BatchNorm, pooling
/// and recurrent layers. `train.freeze: features` holds the body fixed.
public struct FineTune {
    /// The first head layer's index in `Sequential.layers`.
    public let headStart: Int
    /// One entry per tensor (`Sequential.copyMatchingWeights`), this network's first.
    public let transfers: [WeightTransfer]
    /// The trainable body parameters (`layers.<i>.…` with i < headStart), and of those the ones
    /// copied from the init model (`train.body_learning_rate_scale` applies to them).
    public let bodyParameters: Set<String>
    public let copiedBodyParameters: Set<String>
    /// Where the weights came from.
    public let source: ModelBundle.InitSource

    /// Copies the init model's matching tensors into `network` (built for `classes`). When the
    /// class list differs in any way (new, removed or reordered classes) the output layer is
    /// new. Throws when not one tensor of the body could be copied: the config's `model:`
    /// section then describes another architecture than the init model's.
    public init(network: Sequential, classes: [String], from initModel: InitModel) throws {
        guard let spec = network.spec else { preconditionFailure("fine-tuning needs a network built from a spec") }
        let headStart = Self.headStart(of: spec)
        self.headStart = headStart
        let old = initModel.bundle.classes
        var excluded: [String: String] = [:]
        if classes != old, let output = spec.layers.lastIndex(where: { $0.type == "dense" }) {
            let added = classes.filter { !old.contains($0) }, removed = old.filter { !classes.contains($0) }
            var why: [String] = []
            if !added.isEmpty { why.append("new " + added.joined(separator: ", ")) }
            if !removed.isEmpty { why.append("dropped " + removed.joined(separator: ", ")) }
            if why.isEmpty { why.append("same classes in another order") }
            let reason = "new head: the class list differs (" + why.joined(separator: "; ") + ")"
            for named in network.namedParameters + network.namedBuffers where Self.layerIndex(named.name) == output {
                excluded[named.name] = reason
            }
        }
        transfers = network.copyMatchingWeights(from: initModel.bundle.network.namedTensors, excluding: excluded)
        let body = network.namedParameters.filter { (Self.layerIndex($0.name) ?? 0) < headStart }.map(\.name)
        let copied = Set(transfers.filter { $0.action == .copied }.map(\.name))
        bodyParameters = Set(body)
        copiedBodyParameters = Set(body).intersection(copied)
        source = initModel.provenance
        if !body.isEmpty, copiedBodyParameters.isEmpty {
            let example = transfers.first { Self.layerIndex($0.name).map { $0 < headStart } ?? false }
            throw ConfigError.dataMismatch(
                path: initModel.path, key: "model",
                message: "none of its feature layers fit the network the config describes"
                    + (example.map { " (e.g. \($0.name): \($0.reason))" } ?? "")
                    + "; set the model: section as the init model was trained (its run folder's config.yaml)")
        }
    }

    /// The index after the last pooling to one vector; without one, the start of the trailing
    /// run of dense, dropout and activation layers.
    public static func headStart(of spec: ModelSpec) -> Int {
        let pooling: Set<String> = ["global_avg_pool", "global_max_pool", "flatten", "sequence_pool"]
        if let last = spec.layers.lastIndex(where: { pooling.contains($0.type) }) { return last + 1 }
        let headTypes: Set<String> = ["dense", "dropout", "relu", "leaky_relu", "elu", "tanh", "sigmoid", "softmax"]
        var start = spec.layers.count
        while start > 0, headTypes.contains(spec.layers[start - 1].type) { start -= 1 }
        return start
    }

    /// `3` for `layers.3.weight`.
    static func layerIndex(_ name: String) -> Int? {
        let parts = name.split(separator: ".")
        guard parts.count >= 2, parts[0] == "layers" else { return nil }
        return Int(parts[1])
    }

    func count(_ action: WeightTransfer.Action) -> Int { transfers.filter { $0.action == action }.count }

    /// The training log's table: a summary line, then one row per tensor.
    public var reportTable: String {
        func shape(_ s: [Int]?) -> String { s.map { "[" + $0.map(String.init).joined(separator: ",") + "]" } ?? "-" }
        var lines = [
            "init from \(source.path) (model id \(source.modelID)): \(count(.copied)) tensors copied, "
                + "\(count(.new)) new, \(count(.skipped)) skipped; head = layers \(headStart)…"
        ]
        let rows = transfers.map { [$0.name, $0.action.rawValue, shape($0.shape), shape($0.sourceShape), $0.reason] }
        let header = ["tensor", "action", "shape", "init shape", "why"]
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        for row in [header] + rows {
            lines.append("  " + row.enumerated().map { c, field in
                c == row.count - 1 ? field : field.padding(toLength: widths[c], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        return lines.joined(separator: "\n")
    }

    /// `init.csv` in the run folder: tensor, action, shape, init_shape, reason.
    public var csv: String {
        func shape(_ s: [Int]?) -> String { s.map { $0.map(String.init).joined(separator: "x") } ?? "" }
        var table = CSVTable(columns: ["tensor", "action", "shape", "init_shape", "reason"])
        for t in transfers { table.append([t.name, t.action.rawValue, shape(t.shape), shape(t.sourceShape), t.reason]) }
        return table.text
    }
}
