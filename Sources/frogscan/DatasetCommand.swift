import ArgumentParser
import Foundation
import FrogData
import FrogScan

extension Frogscan {
    /// `frogscan dataset …`: look at annotated recordings before training on them.
    struct Dataset: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarise, check, split and preview an annotated dataset.",
            discussion: """
                Labels are Raven selection tables, Audacity label files or CSVs \
                (file,start_s,end_s,label[,low_hz,high_hz] + extra columns), one file or a folder, \
                matched to recordings by name (REC.Table.1.selections.txt, REC.txt, REC.csv) or by a \
                'file' column. See README.md, "frogscan dataset".
                """,
            subcommands: [Summary.self, Check.self, Split.self])
    }
}

/// Options every `dataset` subcommand takes.
struct DatasetArguments: ParsableArguments {
    @Option(help: "Folder of recordings (searched recursively), or one recording.")
    var recordings: String

    @Option(help: "Label file or folder of label files.")
    var labels: String

    @Option(help: "YAML config; its labels:, clips: and augment: sections are used.")
    var config: String?

    func load() throws -> DatasetInputs {
        let settings = try config.map(DatasetConfig.load(path:)) ?? DatasetConfig()
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

        @Option(help: "Also write label,annotations,recordings,seconds,groups to this CSV.")
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
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List problems in labels and recordings; exit 2 when there are any.",
            discussion: """
                Reports malformed label files (file:line), end before start, boxes past the recording's \
                end, labels outside the class list (--classes or labels.classes in the config), \
                label files without recordings, rows naming missing recordings, unreadable recordings \
                and recordings without labels.

                Examples:
                  frogscan dataset check --recordings recordings/ --labels labels/
                  frogscan dataset check --recordings rec/ --labels rec/labels.csv \\
                      --classes litoria_fallax,crinia_signifera,noise
                """)

        @OptionGroup var dataset: DatasetArguments

        @Option(help: "Comma-separated class list (overrides labels.classes in the config).")
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

        @Option(help: "Where to write recording,group,split.")
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
            let splitter = GroupedSplit(validationFraction: validation, testFraction: test, seed: seed)
            let groupBy = DatasetSplitter.GroupBy(by)
            let folder = URL(fileURLWithPath: out).deletingLastPathComponent().path
            if let folds {
                let files = DatasetSplitter.folds(inputs.set, by: groupBy, splitter: splitter, count: folds)
                let url = URL(fileURLWithPath: out)
                for (i, file) in files.enumerated() {
                    let path = url.deletingPathExtension().path + ".fold\(i + 1)." + (url.pathExtension.isEmpty ? "csv" : url.pathExtension)
                    try file.write(to: path, relativeTo: folder)
                    print("fold \(i + 1): \(path)")
                    print(DatasetSplitter.table(file, set: inputs.set), terminator: "")
                }
            } else {
                let file = DatasetSplitter.split(inputs.set, by: groupBy, splitter: splitter)
                try file.write(to: out, relativeTo: folder)
                print(DatasetSplitter.table(file, set: inputs.set), terminator: "")
                print("wrote \(out)")
            }
        }
    }
}
