import ArgumentParser
import Foundation
import FrogCore
import FrogModel
import FrogReview

extension Frogscan {
    /// `frogscan review sample|summary`: verify a stratified sample of detections by hand,
    /// then estimate precision per species × confidence bin from the verdicts.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw detections for a person to verify, and summarise the verdicts.",
            discussion: "See docs/review.md for the whole loop (sample → verify → summary → data.reviews).",
            subcommands: [ReviewSampleCommand.self, ReviewSummaryCommand.self])
    }
}

/// How `review sample` splits the detections beyond species × bin.
enum ReviewStrata: String, ExpressibleByArgument, CaseIterable {
    case site, night
    case siteNight = "site,night"
}

extension Frogscan.Review {
    struct ReviewSampleCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sample",
            abstract: "Write a stratified, seeded sample of detections as a Raven table with WAV clips and pictures.",
            discussion: """
                Draws up to --per-cell detections from every species × confidence bin (× site / night \
                with --by) of a `frogscan detect` output or a survey database, and writes into --out: \
                review.selections.txt (Raven selection table with an empty Verdict column: yes, no, \
                unsure or another species' name), clips/NNN_….wav (the detection with --context \
                seconds either side) and clips/NNN_….png (its spectrogram with the detection boxed), \
                and errors.csv (recordings that could not be read; exit code 2 when there are any).
                Examples:
                  frogscan review sample --detections out/ --out review/ --per-cell 10 --seed 1
                  frogscan review sample --db survey.sqlite --root cards/ --out review/ --bins 0.5,0.7,0.9,1.0 --by site,night
                """)

        @Option(help: "A `frogscan detect` output folder (its detections.csv) or a detections CSV.")
        var detections: String?

        @Option(help: "A survey database (opened read-only); needs --root.")
        var db: String?

        @Option(help: "The survey root (database paths are relative to it).")
        var root: String?

        @Option(help: "With --db: the model whose detections to sample (default: the latest run's).")
        var modelID: String?

        @Option(name: [.customShort("o"), .customLong("out")], help: "Output folder.")
        var out: String

        @Option(help: "Confidence bin edges, ascending in [0, 1]; the last bin includes its upper edge.")
        var bins: String = "0.5,0.7,0.9,1.0"

        @Option(help: "Detections drawn per cell (a cell with fewer gives all).")
        var perCell: Int = 10

        @Option(help: "Seed of the draw (the same seed over the same detections gives the same sample).")
        var seed: UInt64 = 1

        @Option(help: "Also stratify by site, night, or both (site,night).")
        var by: ReviewStrata?

        @Option(help: "Seconds of audio kept before and after each detection in its clip and picture.")
        var context: Double = 2

        @OptionGroup var place: SurveyPlaceOptions

        func validate() throws {
            guard (detections == nil) != (db == nil) else { throw ValidationError("give either --detections or --db") }
            if db != nil, root == nil { throw ValidationError("--db needs --root (the folder the database's paths are relative to)") }
            guard perCell >= 1 else { throw ValidationError("--per-cell must be at least 1") }
            guard context >= 0, context <= 60 else { throw ValidationError("--context must be in [0, 60] seconds") }
        }

        func run() throws {
            let config = try place.resolved()
            let candidates: [ReviewCandidate]
            if let detections {
                candidates = try ReviewCandidate.fromDetections(detections, nightStartHour: config.nightStartHour)
            } else {
                candidates = try ReviewCandidate.fromSurvey(
                    database: db!, root: URL(fileURLWithPath: root!), modelID: modelID, config: config)
            }
            let sampler = ReviewSampler(
                bins: try ConfidenceBins.parse(bins), perCell: perCell, seed: seed,
                bySite: by == .site || by == .siteNight, byNight: by == .night || by == .siteNight)
            guard candidates.contains(where: { sampler.cell(of: $0) != nil }) else {
                throw ReviewError.noDetections(detections ?? db!)
            }
            var job = ReviewSample(sampler: sampler)
            job.contextSeconds = context
            let outcome = try job.run(candidates: candidates, to: URL(fileURLWithPath: out))
            print("cell (species · bin\(by.map { " · \($0.rawValue)" } ?? "")): drawn / available")
            for count in outcome.cells {
                let extra = [count.cell.site, count.cell.night].filter { !$0.isEmpty }.joined(separator: " · ")
                print("  \(count.cell.species) · \(sampler.bins.label(count.cell.bin))\(extra.isEmpty ? "" : " · " + extra): \(count.drawn) / \(count.available)")
            }
            print("wrote \(outcome.table.path): \(outcome.entries.count) item(s), clips and pictures in \(out)/clips")
            for failure in outcome.failures { print("cannot read \(failure.file): \(failure.error)") }
            if !outcome.failures.isEmpty {
                throw PartialFailure(failed: outcome.failures.count, listedIn: outcome.errorsFile.path)
            }
        }
    }

    struct ReviewSummaryCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "summary",
            abstract: "Precision per species × confidence bin (Wilson 95% intervals) from filled-in review tables.",
            discussion: """
                Verdicts: yes, no, unsure (any case), empty = not reviewed, or the name of another class \
                (a wrong species). Writes precision.csv and precision.png into --out and prints the table.
                Examples:
                  frogscan review summary review/review.selections.txt
                  frogscan review summary a/review.selections.txt b/review.selections.txt --model runs/X/model.safetensors --out report/
                """)

        @Argument(help: "Filled-in review tables (review.selections.txt).")
        var tables: [String]

        @Option(name: [.customShort("o"), .customLong("out")], help: "Output folder (default: the first table's folder).")
        var out: String?

        @Option(help: "Class names a verdict may name, comma-separated (default: the model's with --model, else the tables' species).")
        var classes: String?

        @Option(help: "Model file whose class list a verdict may name.")
        var model: String?

        func validate() throws {
            guard !tables.isEmpty else { throw ValidationError("give at least one review table") }
            guard classes == nil || model == nil else { throw ValidationError("give --classes or --model, not both") }
        }

        func run() throws {
            var known: [String]?
            if let classes { known = classes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            if let model { known = try ModelBundle.load(path: model).classes }
            let rows = try ReviewTable.read(paths: tables, classes: known)
            let summary = ReviewSummary(rows: rows)
            let folder = URL(fileURLWithPath: out ?? URL(fileURLWithPath: tables[0]).deletingLastPathComponent().path)
            let files = try summary.write(to: folder)
            print(summary.consoleTable)
            print("wrote \(files.map(\.path).joined(separator: ", "))")
        }
    }
}
