import ArgumentParser
import Foundation
import FrogCore
import FrogModel
import FrogSurvey

extension Frogscan {
    /// `frogscan survey run|report|merge`: nightly, incremental, SQLite-backed survey jobs.
    struct Survey: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nightly survey jobs: incremental, resumable, SQLite-backed, shardable.",
            discussion: "See docs/survey.md for cron, Slurm array and Kubernetes indexed Job examples.",
            subcommands: [SurveyRun.self, SurveyReport.self, SurveyMergeCommand.self])
    }
}

/// Options shared by `survey run` and `survey report`: how the tree and its times are read.
struct SurveyPlaceOptions: ParsableArguments {
    @Option(help: "YAML file with a 'survey:' section (site_depth, file_name_pattern, file_time_zone, site_time_zone, night_start_hour).")
    var config: String?

    @Option(help: "Zone of the recorders' clocks in file names (default UTC, AudioMoth's default).")
    var fileTimeZone: String?

    @Option(help: "Zone of the sites, for night and hour reporting (default: the file time zone), e.g. Australia/Sydney.")
    var siteTimeZone: String?

    @Option(help: "Local hour at which a night begins (default 12: nights run noon to noon, named by the evening).")
    var nightStartHour: Int?

    /// The config file's `survey:` section with the flags applied over it.
    func resolved() throws -> SurveyConfig {
        var config = try config.map(SurveyConfigFile.load(path:)) ?? SurveyConfig()
        if let fileTimeZone { config.fileTimeZone = fileTimeZone }
        if let siteTimeZone { config.siteTimeZone = siteTimeZone }
        if let nightStartHour { config.nightStartHour = nightStartHour }
        return try config.validated()
    }
}

extension Frogscan.Survey {
    /// `frogscan survey run ROOT --db survey.sqlite`.
    struct SurveyRun: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Analyse new or changed recordings under ROOT into the survey database.",
            discussion: """
                Site = first folder level under ROOT (configurable); start times come from AudioMoth \
                (YYYYMMDD_HHMMSS) and Song Meter (PREFIX_YYYYMMDD_HHMMSS) file names. Re-running \
                processes only what is new or changed; a killed run resumes where it stopped. \
                Another --min-confidence, --min-windows, --overlap or --channels analyses everything \
                again (analyses are keyed by model and these choices); with --channels each, every \
                channel's detections are stored and counted on their own.

                Examples:
                  frogscan survey run cards/ --db survey.sqlite
                  frogscan survey run /scratch/cards --db shard-3.sqlite --shard 3/8 --threads 2
                  frogscan survey run cards/ --db survey.sqlite --model runs/A/model.safetensors --model runs/B/model.safetensors
                """)

        @Argument(help: "Folder the recorder cards are copied into.")
        var root: String

        @Option(help: "Survey database (created if missing).")
        var db: String

        @OptionGroup var models: ModelOptions

        @OptionGroup var scan: ScanOptions

        @Option(help: "Process only shard i of N (0-based), e.g. 3/8, by a stable hash of each path.")
        var shard: String?

        @Flag(help: "Analyse again recordings that failed before (default: only when they changed).")
        var retryFailed = false

        @OptionGroup var place: SurveyPlaceOptions

        func validate() throws {
            if let shard { _ = try SurveyShard(parsing: shard) }
        }

        func run() throws {
            // Configuration and model are checked before the database is created or touched.
            let config = try place.resolved()
            let source = try models.source()
            _ = try ModelEnsemble.load(source)  // fail fast on a bad model, before any work
            let job = SurveyJob(
                root: URL(fileURLWithPath: root), database: try SurveyDatabase(path: db), config: config,
                settings: scan.settings(), shard: try shard.map(SurveyShard.init(parsing:)), threads: scan.threads,
                retryFailed: retryFailed,
                makeClassifier: { try ModelEnsemble.load(source) })
            let arguments = CommandLine.arguments.dropFirst().joined(separator: " ")
            let summary = try job.run(arguments: arguments) { done, total, path in
                FileHandle.standardError.write(Data("[\(done)/\(total)] \(path)\n".utf8))
            }
            print("survey: \(summary.inShard) recording(s) in \(shard.map { "shard \($0)" } ?? "survey"): "
                  + "\(summary.processed) analysed, \(summary.skipped) already done, \(summary.failed) failed")
            for failure in summary.failures {
                FileHandle.standardError.write(Data("frogscan: \(failure.path): \(failure.error)\n".utf8))
            }
            for warning in summary.warnings {
                FileHandle.standardError.write(Data("frogscan: warning: \(warning.warning)\n".utf8))
            }
            if summary.failed > 0 || summary.warned > 0 {
                let table = "the recordings table (survey report → recordings.csv)"
                throw PartialFailure(failed: summary.failed, listedIn: table, warned: summary.warned, warningsIn: table)
            }
        }
    }

    /// `frogscan survey report --db survey.sqlite --out reports/`.
    struct SurveyReport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write per site × night × species report CSVs from the survey database.",
            discussion: """
                Writes nightly_summary.csv, hourly_activity.csv, activity.png (detections per \
                recorded hour by local hour, per species, for all sites and each site), \
                detection_history.csv (NA = not recorded), coverage.csv and recordings.csv. The same \
                database gives byte-identical files. With --truth (site,night,species,present, e.g. \
                the truth.csv of 'frogscan synth --survey-tree') also presence_vs_truth.csv and, per \
                species and overall, presence precision and recall over the recorded site-nights.
                Examples:
                  frogscan survey report --db survey.sqlite --out reports/
                  frogscan survey report --db survey.sqlite --out reports/ --truth synth/truth.csv
                  frogscan survey report --db survey.sqlite --out reports/ --night 2024-10-01 --site-time-zone Australia/Sydney
                """)

        @Option(help: "Survey database.")
        var db: String

        @Option(name: [.customShort("o"), .customLong("out")], help: "Output folder.")
        var out: String

        @Option(help: "Only this night (YYYY-MM-DD, named by its evening).")
        var night: String?

        @Option(help: "Only nights on or after this date (YYYY-MM-DD).")
        var since: String?

        @Option(help: "Report this model's detections (default: the model of the latest run).")
        var modelID: String?

        @Option(help: "Truth table (site,night,species,present) to compare presence with: writes presence_vs_truth.csv.")
        var truth: String?

        @OptionGroup var place: SurveyPlaceOptions

        func run() throws {
            let config = try place.resolved()
            for date in [night, since].compactMap({ $0 }) { _ = try config.time.nightStart(date) }
            let reports = SurveyReports(database: try SurveyDatabase.openForReading(path: db), time: config.time)
            let options = SurveyReports.Options(night: night, since: since, modelID: modelID)
            // The truth is read first: a bad line fails before any report is (re)written.
            let comparison = try truth.map { try reports.compare(truthPath: $0, options: options) }
            let folder = URL(fileURLWithPath: out)
            let files = try reports.write(to: folder, options: options)
            for file in files { print(file.path) }
            if let comparison {
                print(try SurveyReports.write(comparison, to: folder).path)
                for line in comparison.summaryLines { print(line) }
            }
        }
    }

    /// `frogscan survey merge A.sqlite B.sqlite … --db all.sqlite`.
    struct SurveyMergeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Combine shard databases into one (idempotent).",
            discussion: """
                Examples:
                  frogscan survey merge shard-*.sqlite --db survey.sqlite
                """)

        @Argument(help: "Shard databases to merge.")
        var sources: [String]

        @Option(help: "Destination database (created if missing).")
        var db: String

        func run() throws {
            let summary = try SurveyMerge.merge(sources: sources, into: try SurveyDatabase(path: db))
            print("merged \(sources.count) database(s): \(summary.recordings) new recording(s), \(summary.detections) new detection(s)")
        }
    }
}

