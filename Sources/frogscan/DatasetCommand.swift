import ArgumentParser
import Foundation
import FrogConfig
import FrogCore
import FrogData
import FrogImage
import FrogTrain

extension Frogscan {
    /// `frogscan dataset …`: look at annotated recordings before training on them.
    struct Dataset: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarise, check, split and preview an annotated dataset.",
            discussion: """
                Labels are Raven selection tables, Audacity label files or CSVs \
                (file,start_s,end_s,label[,low_hz,high_hz] + extra columns), one file or a folder, \
                matched to recordings by name (REC.Table.1.selections.txt, REC.txt, REC.csv) or by a \
                'file' column. See docs/cli.md, "frogscan dataset".
                """,
            subcommands: [Summary.self, Check.self, Split.self, Preview.self])
    }
}

/// Options every `dataset` subcommand takes.
struct DatasetArguments: ParsableArguments {
    @Option(help: "Folder of recordings (searched recursively), or one recording (default: the config's data.recordings, else recordings/).")
    var recordings: String?

    @Option(help: "Label file or folder of label files (default: the config's data.labels, else labels/).")
    var labels: String?

    @Option(help: "YAML config, the same file 'frogscan train' reads: data: aliases, ignore, classes, label_column and group_column (or the older labels:) and clips: are used; unknown keys are errors.")
    var config: String?

    func load() throws -> DatasetInputs {
        let settings = try config.map(DatasetConfig.load(path:)) ?? DatasetConfig()
        // Like `train`: the config's data paths (relative to the working directory), else the
        // bundled demo folders.
        let recordings = recordings ?? settings.run.data.recordings
        let labels = labels ?? settings.run.data.labels
        for (path, option) in [(recordings, "--recordings"), (labels, "--labels")]
        where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(path) does not exist: give \(option), or a --config whose data: section names it")
        }
        return try DatasetInputs(recordings: recordings, labels: labels, config: settings)
    }
}

extension Frogscan.Dataset {
    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per label: annotations, recordings, seconds and groups; imbalance ratio.",
            discussion: """
                Whole-recording (weak) labels count the recording's length as their seconds. \
                Problems met while loading labels are counted on stderr (see 'dataset check').

                Examples:
                  frogscan dataset summary --recordings recordings/ --labels labels/
                  frogscan dataset summary --recordings data/ribbid-xenocanto \\
                      --labels data/ribbid-xenocanto/metadata.csv --group-column group_id --out summary.csv
                """)

        @OptionGroup var dataset: DatasetArguments

        @Option(help: "Attribute (CSV column) naming each recording's group or site.")
        var groupColumn: String?

        @Option(name: [.customShort("o"), .customLong("out")], help: "Also write label,annotations,recordings,seconds,groups to this CSV.")
        var out: String?

        func run() throws {
            let inputs = try dataset.load()
            let summary = DatasetSummary(inputs.set, groupColumn: inputs.groupColumn(groupColumn), duration: inputs.duration(of:))
            print(summary.table, terminator: "")
            print("\(inputs.set.recordings.count) recordings, \(Set(inputs.set.annotations.map(\.file)).count) annotated")
            if let out { try summary.write(to: out) }
            if !inputs.set.problems.isEmpty {
                FileHandle.standardError.write(Data(
                    "frogscan: \(inputs.set.problems.count) problem(s) while loading labels; run 'frogscan dataset check'\n".utf8))
            }
            // Counted above, but `check` flags them: say so rather than pass them silently.
            let flagged = DatasetCheck.run(inputs.set, classes: nil, duration: inputs.duration(of:))
                .filter { DatasetCheck.annotationKinds.contains($0.kind) }
            if !flagged.isEmpty {
                let kinds = Dictionary(grouping: flagged, by: \.kind.rawValue).map { "\($0.value.count) \($0.key)" }.sorted()
                FileHandle.standardError.write(Data(
                    ("frogscan: warning: \(flagged.count) annotation(s) counted here have problems (\(kinds.joined(separator: ", "))), "
                        + "first \(flagged[0].location); run 'frogscan dataset check'\n").utf8))
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List problems in labels and recordings; exit 2 when there are any.",
            discussion: """
                Reports malformed label files (file:line), end before start, boxes past the recording's \
                end, labels outside the class list (--classes, or data.classes in the config), \
                label files without recordings, rows naming missing recordings, unreadable recordings \
                and recordings without labels.

                Examples:
                  frogscan dataset check --recordings recordings/ --labels labels/
                  frogscan dataset check --recordings rec/ --labels rec/labels.csv \\
                      --classes litoria_fallax,crinia_signifera,noise
                """)

        @OptionGroup var dataset: DatasetArguments

        @Option(help: "Comma-separated class list (overrides data.classes in the config).")
        var classes: String?

        func run() throws {
            let inputs = try dataset.load()
            let classList = classes.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
                ?? inputs.config.labels.classes
            let issues = DatasetCheck.run(inputs.set, classes: classList, duration: inputs.duration(of:))
            let annotated = Set(inputs.set.annotations.map(\.file)).count
            if issues.isEmpty {
                print("ok: \(inputs.set.annotations.count) annotations, \(annotated) of \(inputs.set.recordings.count) recordings labelled, no problems")
                return
            }
            print(DatasetCheck.table(issues), terminator: "")
            throw PartialFailure(failed: issues.count)
        }
    }

    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Split recordings into train/validation/test by group, stratified by label.",
            discussion: """
                No group is ever in two parts, so clips of one recording (or site) cannot leak \
                between training and evaluation. The same seed gives the same split.

                Examples:
                  frogscan dataset split --recordings recordings/ --labels labels/ --out split.csv
                  frogscan dataset split --recordings rec/ --labels rec/metadata.csv --by group_id \\
                      --seed 7 --validation 0.2 --test 0.2
                  frogscan dataset split --recordings rec/ --labels labels/ --by site --folds 5 --out split.csv
                """)

        @OptionGroup var dataset: DatasetArguments

        @Option(help: "Group by 'recording', or by an attribute column such as 'site' or 'group_id'.")
        var by = "recording"

        @Option(help: "Random seed.")
        var seed: UInt64 = 0

        @Option(help: "Fraction for validation.")
        var validation = 0.15

        @Option(help: "Fraction for test.")
        var test = 0.15

        @Option(help: "Make K folds instead: writes OUT with .foldN before the extension, fold N as validation.")
        var folds: Int?

        @Option(help: "Column fixing the test split (default: the config's data.split_column); its --test-values rows are test, the rest is split.")
        var splitColumn: String?

        @Option(help: "Comma-separated values of --split-column that mean test (default: the config's data.test_values).")
        var testValues: String?

        @Option(name: [.customShort("o"), .customLong("out")], help: "Where to write recording,group,split.")
        var out = "split.csv"

        func validate() throws {
            guard validation >= 0, test >= 0, validation + test < 1 else {
                throw ValidationError("need --validation ≥ 0, --test ≥ 0 and their sum < 1")
            }
            if let folds, folds < 2 { throw ValidationError("--folds must be at least 2") }
        }

        func run() throws {
            let inputs = try dataset.load()
            guard !inputs.set.annotations.isEmpty else {
                throw ValidationError("no annotations matched to recordings; run 'frogscan dataset check'")
            }
            let data = inputs.config.run.data
            let negatives = try NegativeFiles.resolve(config: inputs.config.run).all
            let column = splitColumn ?? data.splitColumn
            let fixed = column.isEmpty ? nil : DatasetSplitter.FixedTest(
                column: column, values: testValues.map { $0.split(separator: ",").map(String.init) } ?? data.testValues)
            // A column that fixes test leaves nothing for a random test draw.
            let splitter = GroupedSplit(validationFraction: validation, testFraction: fixed == nil ? test : 0, seed: seed)
            let groupBy = DatasetSplitter.GroupBy(by)
            let folder = URL(fileURLWithPath: out).deletingLastPathComponent().path
            if let folds {
                let files = DatasetSplitter.folds(
                    inputs.set, by: groupBy, splitter: splitter, count: folds, fixedTest: fixed, negatives: negatives)
                let url = URL(fileURLWithPath: out)
                for (i, file) in files.enumerated() {
                    let path = url.deletingPathExtension().path + ".fold\(i + 1)." + (url.pathExtension.isEmpty ? "csv" : url.pathExtension)
                    try file.write(to: path, relativeTo: folder)
                    print("fold \(i + 1): \(path)")
                    print(DatasetSplitter.table(file, set: inputs.set), terminator: "")
                }
            } else {
                let file = DatasetSplitter.split(
                    inputs.set, by: groupBy, splitter: splitter, fixedTest: fixed, negatives: negatives)
                try file.write(to: out, relativeTo: folder)
                print(DatasetSplitter.table(file, set: inputs.set), terminator: "")
                print("wrote \(out)")
            }
        }
    }

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a PNG grid of training clips per class, as the model sees them.",
            discussion: """
                Builds the training windows exactly as 'frogscan train' does from a training config \
                (its data:, features:, clips: and augment: sections), picks --per-class clips of each \
                class from the training split (seeded) and draws their spectrograms, one row per \
                class, captioned with class, recording and start time. --augment first applies the \
                config's training augmentation (time shift, masks, gain, background overlay).

                Examples:
                  frogscan dataset preview --out preview.png
                  frogscan dataset preview --config configs/cnn.yaml --per-class 6 --augment \\
                      --set augment.time_masks=2 --set augment.frequency_masks=2 --out augmented.png
                """)

        @Option(help: "Training config (default: configs/default.yaml if present, else the embedded default).")
        var config: String?

        @Option(name: .customLong("set"), help: ArgumentHelp("Override a setting: key=value (repeatable).", valueName: "key=value"))
        var overrides: [String] = []

        @Option(help: "Clips per class (one row per class).")
        var perClass = 4

        @Flag(help: "Apply the config's training augmentation (augment: section) to the clips.")
        var augment = false

        @Option(help: "Random seed for picking clips and for the augmentation.")
        var seed: UInt64 = 0

        @Option(name: [.customShort("o"), .customLong("out")], help: "PNG file to write.")
        var out = "preview.png"

        func validate() throws {
            guard perClass >= 1 else { throw ValidationError("--per-class must be at least 1") }
            guard out.lowercased().hasSuffix(".png") else { throw ValidationError("--out must end in .png, got '\(out)'") }
        }

        func run() throws {
            let path = config ?? (FileManager.default.fileExists(atPath: "configs/default.yaml") ? "configs/default.yaml" : nil)
            let settings = try ConfigLoader.load(path: path, overrides: overrides)
            let data = try DatasetBuilder.build(config: settings) { line in
                FileHandle.standardError.write(Data("\(line)\n".utf8))
            }
            let preview = DatasetPreview(perClass: perClass, augment: augment, seed: seed)
            let result = try preview.render(data: data, config: settings)
            let url = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try PNGEncoder.write(result.image, to: url.path)
            for (name, count) in zip(result.classes, result.shown) { print("\(name): \(count) clip(s)") }
            if augment {
                print(result.steps.isEmpty
                    ? "augmentation: none is switched on in the config's augment: section"
                    : "augmentation: \(result.steps.joined(separator: ", "))")
            }
            print("wrote \(out) (\(result.image.width)×\(result.image.height) px; clips of \(result.frames) frames × \(result.bins) bins)")
        }
    }
}
