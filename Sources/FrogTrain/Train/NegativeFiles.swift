import Foundation
import FrogConfig
import FrogData
import FrogNN
import FrogSynth

/// The frog-free files of a config: `data.negatives` expanded (files, folders, manifests) plus
/// `data.synthetic_negatives`, and which of them are held out of training as validation audio
/// (`data.validation_negatives`).
public struct NegativeFiles: Equatable, Sendable {
    /// Every negative file, real ones first, in order.
    public var all: [String]
    /// The generated ones (never held out: the budget is measured on real audio).
    public var synthetic: Set<String>
    /// Held out of training: validation audio for presence and the false-positive budget.
    public var heldOut: Set<String>

    /// Expands and draws for `config`; synthetic files are generated into the cache folder.
    public static func resolve(config: RunConfig, log: (String) -> Void = { _ in }) throws -> NegativeFiles {
        let data = config.data
        let real = try AudioSources.expand(data.negatives, what: "data.negatives")
        let folder = data.cache.isEmpty ? NSTemporaryDirectory() + "frogscan-cache" : data.cache
        let generated = try SyntheticNegatives.files(
            data.syntheticNegatives, sampleRate: config.features.sampleRate, folder: folder, log: log)
        var files = NegativeFiles(all: real + generated.filter { !real.contains($0) }, synthetic: Set(generated), heldOut: [])
        files.heldOut = heldOut(
            candidates: real.filter { !config.augment.noiseFiles.contains($0) }, fraction: data.validationNegatives,
            folds: data.folds, fold: data.fold, seed: config.splitSeed)
        return files
    }

    /// Seeded draw of the held-out files: with `folds`, the candidates dealt into the folds in
    /// a shuffled order and fold `fold`'s share; else `fraction` of them (at least one).
    static func heldOut(candidates: [String], fraction: Double, folds: Int, fold: Int, seed: Int) -> Set<String> {
        guard fraction > 0, !candidates.isEmpty else { return [] }
        var random = SeededRNG(seed: UInt64(seed) &* 0x2545_F491_4F6C_DD1D ^ 0x6E65_6761_7469_7665)
        let order = candidates.sorted().shuffled(using: &random)
        if folds > 0 {
            return Set(order.enumerated().filter { $0.offset % folds == fold - 1 }.map { $0.element })
        }
        let count = max(1, Int((fraction * Double(order.count)).rounded()))
        return Set(order.prefix(count))
    }

    /// A short name of where a negative file comes from, for the training log: "synthetic
    /// rain", else its folder (skipping a folder named `audio`).
    public func source(of path: String) -> String {
        if synthetic.contains(path) {
            let name = (path as NSString).lastPathComponent
            let kind = (name as NSString).deletingPathExtension.split(separator: "-").last.map(String.init) ?? "noise"
            return "synthetic \(kind)"
        }
        var folder = (path as NSString).deletingLastPathComponent
        if (folder as NSString).lastPathComponent == "audio" { folder = (folder as NSString).deletingLastPathComponent }
        let name = (folder as NSString).lastPathComponent
        return name.isEmpty || name == "." ? "." : name
    }
}
