import Foundation
import FrogDSP
import FrogNN

/// The checks `ModelBundle.load` makes on a file's metadata before anything is built from it.
/// A model file comes from elsewhere (a colleague, a download, a hand edit), so every value
/// that sizes an allocation or a loop is range-checked here, where the file and the key can
/// be named, instead of surfacing as a crash in FFTW or a division by zero mid-detection.
extension ModelBundle {
    /// Most frames an input window may have: 10 minutes at the reference hop (256 samples at
    /// 22.05 kHz) is about 52,000; windows are seconds long in practice.
    public static let maximumWindowFrames = 100_000
    /// Most values (bins × frames) in one input window: 16 MB of floats, so a batch of 64 stays
    /// around a gigabyte.
    public static let maximumWindowValues = 4_194_304

    /// Checks the preprocessing: every FrogDSP range (`FeatureConfig.issues()`), named as
    /// `features.<key>`.
    static func validate(features: FeatureConfig, path: String) throws {
        if let problem = features.issues().first {
            throw ModelError.invalidMetadata(path: path, key: "features.\(problem.key)", message: problem.message)
        }
    }

    /// Refuses keys in the stored `features` JSON that `FeatureConfig` does not know (a misspelt
    /// `scalino` would otherwise load silently with the default scaling): the known keys are
    /// those the decoded config writes back, nested sections included.
    static func validate(featureKeys json: String, decoded: FeatureConfig, path: String) throws {
        func keys(_ object: Any, prefix: String) -> Set<String> {
            guard let dictionary = object as? [String: Any] else { return [] }
            var out = Set<String>()
            for (key, value) in dictionary {
                out.insert(prefix + key)
                out.formUnion(keys(value, prefix: prefix + key + "."))
            }
            return out
        }
        guard let given = try? JSONSerialization.jsonObject(with: Data(json.utf8)),
              let written = try? JSONSerialization.jsonObject(with: JSONEncoder().encode(decoded)) else { return }
        let unknown = keys(given, prefix: "").subtracting(keys(written, prefix: "")).sorted()
        if let first = unknown.first {
            throw ModelError.invalidMetadata(
                path: path, key: "features.\(first)",
                message: "unknown key (known: \(keys(written, prefix: "").sorted().joined(separator: ", ")))")
        }
    }

    /// Checks the input window against its limits, the preprocessing and the network's input.
    static func validate(layout: InputLayout, features: FeatureConfig, specInput: [Int], path: String) throws {
        func fail(_ key: String, _ message: String) -> ModelError {
            .invalidMetadata(path: path, key: key, message: message)
        }
        guard (1...maximumWindowFrames).contains(layout.frames) else {
            throw fail("input.frames", "must be in 1…\(maximumWindowFrames) (got \(layout.frames))")
        }
        guard layout.bins >= 1, layout.bins <= maximumWindowValues / layout.frames else {
            throw fail(
                "input.bins", "must be at least 1, with bins × frames ≤ \(maximumWindowValues) (got \(layout.bins) × \(layout.frames))")
        }
        let seconds = Double(layout.frames) * features.secondsPerFrame
        guard seconds <= 600 else {
            throw fail("input.frames", "makes a \(Int(seconds)) s window at hop_length / sample_rate; at most 600 s")
        }
        if let floor = layout.floorDB {
            guard floor >= 0, floor.isFinite else { throw fail("input.floor_db", "must be a number ≥ 0 (got \(floor))") }
        }
        guard layout.sampleShape == specInput else {
            throw fail(
                "input", "describes windows of shape \(layout.sampleShape), but model_spec's network takes \(specInput)")
        }
    }

    /// Checks the classes (present, named, unique) and what is stored per class.
    static func validate(classes: [String], thresholds: [Float], decision: DecisionRule, path: String) throws {
        func fail(_ key: String, _ message: String) -> ModelError {
            .invalidMetadata(path: path, key: key, message: message)
        }
        guard !classes.isEmpty else { throw fail("classes", "is empty") }
        if let blank = classes.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw fail("classes", "has an empty name at position \(blank + 1)")
        }
        var seen = Set<String>()
        for name in classes where !seen.insert(name).inserted {
            throw fail("classes", "lists '\(name)' more than once; class names must be unique")
        }
        guard thresholds.count == classes.count else {
            throw fail("thresholds", "has \(thresholds.count) values for \(classes.count) classes")
        }
        // Above 1 is legitimate: a species no score may fire (a budget a species cannot meet).
        if let bad = thresholds.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
            throw fail("thresholds", "has \(thresholds[bad]) for '\(classes[bad])'; thresholds must be numbers ≥ 0")
        }
        guard (1...100).contains(decision.minWindows) else {
            throw fail("decision.min_windows", "must be in 1…100 (got \(decision.minWindows))")
        }
        if let budget = decision.maxFalsePerHour, !(budget >= 0 && budget.isFinite) {
            throw fail("decision.max_false_per_hour", "must be a number ≥ 0 (got \(budget))")
        }
    }

    /// Checks that the network's output has one score per class.
    static func validate(network: Sequential, input: [Int], classes: [String], path: String) throws {
        let output = network.outputShape(for: input)
        guard output == [classes.count] else {
            throw ModelError.invalidMetadata(
                path: path, key: "classes",
                message: "names \(classes.count) classes, but model_spec's network gives output of shape \(output)")
        }
    }
}
