import ArgumentParser
import Foundation
import FrogConfig
import FrogTrain

extension Frogscan {
    /// `frogscan train`: trains a model from a config into a run folder.
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train a CNN, BiRNN or CRNN classifier on annotated recordings.",
            discussion: """
                With no arguments trains configs/default.yaml (or the embedded default) on the \
                bundled recordings/ and labels/. Every setting is a YAML key, overridable with \
                --set (dotted path, YAML value). Writes runs/<time>-<name>/ with config.yaml, \
                split.csv, metrics.csv, model.safetensors, checkpoint.safetensors, curves.png, \
                thresholds.csv, TensorBoard events, and validation/ and test/ reports.

                Examples:
                  frogscan train
                  frogscan train --config configs/cnn.yaml --set train.epochs=40 --set model.kernel_sizes=[5,3]
                  frogscan train --config configs/birnn.yaml --set model.rnn=gru --threads 2
                  frogscan train --resume runs/20261123-171500-cnn
                  frogscan train --config configs/cnn.yaml --sweep model.conv_layers=2,3 --sweep train.learning_rate=0.001,0.0003
                  frogscan train --config configs/xenocanto.yaml --folds 5
                  frogscan train --config configs/mysite.yaml --init-from runs/20261123-171500-cnn --set train.freeze=features --set train.unfreeze_after=5

                With --init-from (train.init_from) training starts from an existing model (a \
                model file, a run folder or one fold run of a --folds folder): every layer whose \
                name and shape match is copied, the head is new when the class list differs, and \
                the init model's features and window are used. The run's init.csv lists what was \
                copied, what is new and what was skipped. train.freeze: features holds every layer \
                before the head for train.unfreeze_after epochs (0 = the whole run).

                With --folds K the development data is dealt into K folds by group and one run \
                trains per fold (fold k as validation); runs/<time>-<name>-cv/ then holds the \
                out-of-fold report (validation/), the K models' ensemble on the test split (test/), \
                folds.csv, models.txt and thresholds.csv (chosen out of fold). Pass that folder \
                as --model to detect, evaluate or survey run to use the K models as one ensemble.

                With --seeds N (train.seeds) the run trains N models with seeds seed … seed+N−1 on \
                one split and scores them as one ensemble (the mean of their probabilities); its \
                thresholds are chosen on the ensemble's own validation scores. \
                runs/<time>-<name>-ensemble/ holds models.txt, thresholds.csv, members.csv and the \
                ensemble's validation/ and test/ reports; pass it as --model (it is also the \
                default model when it is the newest run).
                """)

        @Option(help: "YAML config (default: configs/default.yaml if present, else the embedded default).")
        var config: String?

        @Option(name: .customLong("set"), help: ArgumentHelp("Override a setting: key=value (repeatable).", valueName: "key=value"))
        var overrides: [String] = []

        @Option(name: [.customShort("o"), .customLong("out")], help: "Folder that receives run folders.")
        var out = "runs"

        @Option(help: "Continue the run in this folder from its checkpoint.")
        var resume: String?

        @Option(help: "Threads (overrides train.threads; 0 = all cores).")
        var threads: Int?

        @Option(help: ArgumentHelp("Grid search: key=v1,v2 (repeatable; every combination is trained).", valueName: "key=values"))
        var sweep: [String] = []

        @Option(name: .customLong("init-from"), help: ArgumentHelp("Fine-tune: start from this model (a model file, a run folder or a fold run); sets train.init_from.", valueName: "model"))
        var initFrom: String?

        @Option(help: "K-fold cross-validation: train one run per fold of the development data, then report out of fold and the K models' ensemble on test.")
        var folds: Int?

        @Option(help: "Train N seeds on one split and keep them as one ensemble (sets train.seeds).")
        var seeds: Int?

        func validate() throws {
            if let seeds, seeds < 1 { throw ValidationError("--seeds must be at least 1") }
            if let threads, threads < 0 { throw ValidationError("--threads must be ≥ 0") }
            if let folds {
                guard folds >= 2 else { throw ValidationError("--folds must be at least 2") }
                guard sweep.isEmpty, resume == nil else { throw ValidationError("--folds cannot be combined with --sweep or --resume") }
            }
            if resume != nil, !sweep.isEmpty || !overrides.isEmpty || config != nil || initFrom != nil || seeds != nil {
                throw ValidationError("--resume continues with the run's own config.yaml; drop --config, --set, --sweep, --init-from and --seeds")
            }
        }

        func run() throws {
            let commandOverrides = (threads.map { ["train.threads=\($0)"] } ?? [])
                + (initFrom.map { ["train.init_from=" + ConfigLoader.quoted($0)] } ?? [])
                + (seeds.map { ["train.seeds=\($0)"] } ?? [])
            if let resume {
                let folder = try RunFolder(existing: resume)
                if FileManager.default.fileExists(atPath: folder.file(CrossValidation.modelsFileName)) {
                    throw ValidationError(
                        "\(resume) is an ensemble folder (train --seeds or --folds), not a run; resume one of its member runs (listed in its models.txt), or train the ensemble again")
                }
                let settings = try ConfigLoader.load(path: folder.configPath)
                let data = try DatasetBuilder.build(config: settings, log: log)
                _ = try TrainingRun.resume(folder: folder, data: data, log: log)
                return
            }
            let path = config ?? (FileManager.default.fileExists(atPath: "configs/default.yaml") ? "configs/default.yaml" : nil)
            if let folds {
                let base = try ConfigLoader.load(path: path, overrides: overrides + commandOverrides)
                let name = base.name
                if base.train.seeds > 1 {
                    // A seed ensemble out of fold is several --folds runs with one data.split_seed,
                    // averaged by benchmarks/oof_ensemble.sh.
                    log("--folds: each fold trains one model (train.seeds \(base.train.seeds) is for a single run)")
                }
                let configs = try (1...folds).map { k in
                    try ConfigLoader.loadForTraining(
                        path: path,
                        overrides: overrides + commandOverrides
                            + ["data.folds=\(folds)", "data.fold=\(k)", "name=\(name)-fold\(k)", "train.seeds=1"],
                        pathIsImplicitDefault: config == nil)
                }
                _ = try CrossValidation.run(configs: configs, name: name, outputRoot: out, log: log)
                return
            }
            let grid = sweep.isEmpty ? [[]] : try SweepGrid.combinations(sweep)
            var finished: Set<String> = []
            var cached: (key: DatasetBuilder.Key, data: TrainingData)?
            for (index, point) in grid.enumerated() {
                var settings = try ConfigLoader.loadForTraining(
                    path: path, overrides: overrides + point + commandOverrides, pathIsImplicitDefault: config == nil)
                if !sweep.isEmpty {
                    settings = try ConfigLoader.loadForTraining(
                        path: path, overrides: overrides + point + commandOverrides + ["name=\(settings.name)-sweep\(index + 1)"],
                        pathIsImplicitDefault: config == nil)
                    log("sweep \(index + 1)/\(grid.count): \(point.joined(separator: " "))")
                }
                if settings.train.seeds > 1 {
                    let outcome = try SeedEnsemble.run(config: settings, outputRoot: out, log: log)
                    finished.formUnion(outcome.members.map(\.folder.name))
                    continue
                }
                // Sweep points that only change the model or training reuse the decoded data.
                let key = DatasetBuilder.Key(settings)
                let data = try cached.flatMap { $0.key == key ? $0.data : nil } ?? DatasetBuilder.build(config: settings, log: log)
                cached = (key, data)
                let outcome = try TrainingRun.start(config: settings, data: data, outputRoot: out, log: log)
                finished.insert(outcome.folder.name)
            }
            if !sweep.isEmpty {
                print("\nsweep results:")
                print(RunTable.list(root: out, only: finished), terminator: "")
            }
        }

        private func log(_ line: String) { print(line) }
    }
}
