import Foundation
import FrogConfig
import FrogCore
import FrogDSP
import FrogNN

/// A trained model in one `.safetensors` file: weights as float32 tensors, and in the header's
/// `__metadata__` everything needed to use it without its run folder: the architecture, the
/// preprocessing (FeatureConfig, window frames, per-window normalisation), class names,
/// per-class thresholds, background classes, provenance and a format version. Python's
/// `safetensors` reads it too.
///
/// `detect` uses it through `WindowClassifier`. Scoring runs the network, which keeps
/// per-call caches, so one bundle must not score from two threads at once.
public final class ModelBundle: WindowClassifier {
    /// The newest `format_version` this frogscan writes and reads.
    public static let formatVersion = 1
    /// `format` metadata value that marks frogscan model files.
    public static let formatName = "frogscan-model"

    /// Where a model came from, stored with it.
    public struct Provenance: Codable, Equatable, Sendable {
        /// Fingerprint of the resolved training config.
        public var configFingerprint: String
        /// Recordings and labels it was trained on.
        public var data: String
        /// ISO-8601 time of training.
        public var date: String
        public var frogscanVersion: String
        /// The run folder's name, and the epoch whose weights these are.
        public var run: String
        public var epoch: Int
        /// The model it was fine-tuned from (`train.init_from`); nil when trained from scratch.
        public var initFrom: InitSource?

        public init(
            configFingerprint: String, data: String, date: String, frogscanVersion: String, run: String, epoch: Int,
            initFrom: InitSource? = nil
        ) {
            self.configFingerprint = configFingerprint
            self.data = data
            self.date = date
            self.frogscanVersion = frogscanVersion
            self.run = run
            self.epoch = epoch
            self.initFrom = initFrom
        }

        enum CodingKeys: String, CodingKey {
            case data, date, run, epoch
            case configFingerprint = "config_fingerprint", frogscanVersion = "frogscan_version"
            case initFrom = "init_from"
        }
    }

    /// The model a fine-tuned model started from: its id (the content hash of its file, as
    /// `modelID`), the file it was read from, and that model's own run and classes.
    public struct InitSource: Codable, Equatable, Sendable {
        public var modelID: String
        public var path: String
        public var run: String
        public var classes: [String]

        public init(modelID: String, path: String, run: String, classes: [String]) {
            self.modelID = modelID
            self.path = path
            self.run = run
            self.classes = classes
        }

        enum CodingKeys: String, CodingKey {
            case path, run, classes
            case modelID = "model_id"
        }
    }

    public let network: Sequential
    public let layout: InputLayout
    public let head: RunConfig.ModelSection.Head
    public let classes: [String]
    public let featureConfig: FeatureConfig
    public var thresholds: [Float]
    /// The rest of the decision rule `detect`, `survey` and `evaluate` apply.
    public var decision: DecisionRule
    public let backgroundClasses: Set<String>
    public let provenance: Provenance
    /// Content hash of the file it was loaded from or last saved to ("" before either).
    public private(set) var modelID: String

    public var windowFrames: Int { layout.frames }

    public init(
        network: Sequential, layout: InputLayout, head: RunConfig.ModelSection.Head, classes: [String],
        featureConfig: FeatureConfig, thresholds: [Float]? = nil, decision: DecisionRule = DecisionRule(),
        backgroundClasses: Set<String> = [], provenance: Provenance
    ) {
        self.network = network
        self.layout = layout
        self.head = head
        self.classes = classes
        self.featureConfig = featureConfig
        // 0.5 is the natural cut for probabilities until validation chooses better ones.
        self.thresholds = thresholds ?? [Float](repeating: 0.5, count: classes.count)
        self.decision = decision
        self.backgroundClasses = backgroundClasses
        self.provenance = provenance
        modelID = ""
    }

    /// Probabilities (softmax or sigmoid, as trained), one row per window, in batches of 64.
    public func scores(_ windows: [FeatureImage]) throws -> [[Float]] {
        var rows: [[Float]] = []
        rows.reserveCapacity(windows.count)
        for start in stride(from: 0, to: windows.count, by: 64) {
            let batch = Array(windows[start..<min(start + 64, windows.count)])
            let logits = network.forward(try layout.tensor(batch), training: false)
            rows += Probabilities.rows(logits: logits, head: head)
        }
        return rows
    }

    // MARK: - File

    private enum Key {
        static let format = "format", version = "format_version", classes = "classes"
        static let thresholds = "thresholds", background = "background_classes", decision = "decision"
        static let features = "features", input = "input", head = "head", provenance = "provenance"
    }

    /// Writes the model atomically and sets `modelID` to the file's content hash.
    public func save(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        var metadata: [String: String] = [
            Key.format: Self.formatName,
            Key.version: String(Self.formatVersion),
            Key.classes: try json(classes),
            Key.thresholds: try json(thresholds),
            Key.decision: try json(decision),
            Key.background: try json(backgroundClasses.sorted()),
            Key.features: try json(featureConfig),
            Key.input: try json(layout),
            Key.head: head.rawValue,
            Key.provenance: try json(provenance),
        ]
        if let spec = network.spec { metadata[Sequential.specMetadataKey] = try json(spec) }
        let data = try SafeTensors.encode(network.namedTensors, metadata: metadata)
        try AtomicFile.write(data, to: URL(fileURLWithPath: path))
        modelID = ContentHash.of(data)
    }

    /// Reads a model file; a file that is not a frogscan model, is cut short or comes from a
    /// newer frogscan gets an error saying so, and so does every metadata value out of range
    /// (`ModelBundle+Validation`): the file and the key are named before anything is built.
    public static func load(path: String) throws -> ModelBundle {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError.notAModel(path: path, reason: "cannot read the file")
        }
        let file: SafeTensorsFile
        do {
            file = try SafeTensors.decode(data, path: path)
        } catch FrogNNError.invalidFile(_, let reason) {
            throw ModelError.corrupt(path: path, reason: reason)
        } catch {
            throw ModelError.corrupt(path: path, reason: "\(error)")
        }
        let meta = file.metadata
        guard meta[Key.format] == formatName else {
            throw ModelError.notAModel(path: path, reason: "a safetensors file without frogscan metadata (format = \(formatName))")
        }
        guard let version = meta[Key.version].flatMap(Int.init) else {
            throw ModelError.corrupt(path: path, reason: "format_version missing")
        }
        guard version <= formatVersion else { throw ModelError.unsupportedVersion(path: path, version: version) }
        func field<T: Decodable>(_ key: String, _ type: T.Type) throws -> T {
            guard let text = meta[key] else { throw ModelError.corrupt(path: path, reason: "metadata '\(key)' missing") }
            do {
                return try JSONDecoder().decode(T.self, from: Data(text.utf8))
            } catch {
                throw ModelError.corrupt(path: path, reason: "metadata '\(key)' unreadable: \(error)")
            }
        }
        guard let head = meta[Key.head].flatMap(RunConfig.ModelSection.Head.init(rawValue:)) else {
            throw ModelError.corrupt(path: path, reason: "metadata 'head' missing or unknown")
        }
        let classes = try field(Key.classes, [String].self)
        let thresholds = try field(Key.thresholds, [Float].self)
        // Models saved before the decision rule existed keep every positive window.
        let decision = meta[Key.decision] == nil ? DecisionRule() : try field(Key.decision, DecisionRule.self)
        try validate(classes: classes, thresholds: thresholds, decision: decision, path: path)
        let features = try field(Key.features, FeatureConfig.self)
        try validate(features: features, path: path)
        try validate(featureKeys: meta[Key.features] ?? "{}", decoded: features, path: path)
        let spec = try field(Sequential.specMetadataKey, ModelSpec.self)
        let layout = try field(Key.input, InputLayout.self)
        try validate(layout: layout, features: features, specInput: spec.input, path: path)
        let network: Sequential
        do {
            network = try ModelBuilder.build(spec, seed: 0)
            try network.loadWeights(from: file)
        } catch {
            throw ModelError.corrupt(path: path, reason: "\(error)")
        }
        try validate(network: network, input: spec.input, classes: classes, path: path)
        let bundle = ModelBundle(
            network: network, layout: layout, head: head, classes: classes,
            featureConfig: features, thresholds: thresholds, decision: decision,
            backgroundClasses: Set(try field(Key.background, [String].self)),
            provenance: try field(Key.provenance, Provenance.self))
        bundle.modelID = ContentHash.of(data)
        return bundle
    }
}
