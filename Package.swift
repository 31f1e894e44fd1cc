// swift-tools-version:6.0
import Foundation
import PackageDescription

// MARK: - System libraries (module map + shim only; found with pkg-config)

let systemLibraries: [Target] = [
    .systemLibrary(
        name: "CSndfile", pkgConfig: "sndfile",
        providers: [.apt(["libsndfile1-dev"]), .brew(["libsndfile"])]),
    .systemLibrary(
        name: "CSoxr", pkgConfig: "soxr",
        providers: [.apt(["libsoxr-dev"]), .brew(["libsoxr"])]),
    .systemLibrary(
        name: "CFFTW", pkgConfig: "fftw3f",
        providers: [.apt(["libfftw3-dev"]), .brew(["fftw"])]),
    .systemLibrary(
        name: "COpenBLAS", pkgConfig: "openblas",
        providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]),
    .systemLibrary(
        name: "CPNG", pkgConfig: "libpng",
        providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),
]

// The engine's hand-written SIMD8 kernels (direct convolution, BatchNorm/pool epilogues,
// recurrent gates) compile to two SSE halves on the x86-64 baseline and to one AVX2 vector with
// `-target-cpu haswell` (AVX2, FMA, BMI2: every x86-64 CPU since 2013–2015). The flag is used
// only when the building machine has those features, so a build never makes a binary its own
// machine cannot run; FROGSCAN_TARGET_CPU overrides it (a CPU name, or empty for the baseline,
// e.g. to build for older cluster nodes). OpenBLAS and FFTW pick their kernels at run time.
let targetCPU: [String] = {
    if let name = ProcessInfo.processInfo.environment["FROGSCAN_TARGET_CPU"] {
        return name.isEmpty ? [] : ["-target-cpu", name]
    }
    #if arch(x86_64) && os(Linux)
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return [] }
    let flags = Set(line.split(separator: " ").map(String.init))
    let haswell = ["avx", "avx2", "fma", "bmi1", "bmi2", "f16c", "movbe", "abm", "popcnt", "sse4_2"]
    return haswell.allSatisfy(flags.contains) ? ["-target-cpu", "haswell"] : []
    #else
    return []
    #endif
}()

// Hot numeric loops are written with unchecked buffer access; -Ounchecked only matters in
// release builds (make build / make bench / make test all build release).
let fast: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-wmo"] + targetCPU, .when(configuration: .release))]

let package = Package(
    name: "frogscan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "frogscan", targets: ["frogscan"]),
        // The capability modules (the graph is under `targets`; FrogBench is the command line's only).
        .library(name: "FrogCore", targets: ["FrogCore"]),
        .library(name: "FrogConfig", targets: ["FrogConfig"]),
        .library(name: "FrogModel", targets: ["FrogModel"]),
        .library(name: "FrogDetect", targets: ["FrogDetect"]),
        .library(name: "FrogEvaluate", targets: ["FrogEvaluate"]),
        .library(name: "FrogReview", targets: ["FrogReview"]),
        .library(name: "FrogSynth", targets: ["FrogSynth"]),
        .library(name: "FrogPlots", targets: ["FrogPlots"]),
        .library(name: "FrogTrain", targets: ["FrogTrain"]),
        .library(name: "FrogSurvey", targets: ["FrogSurvey"]),
        // The layers underneath, also for the fuzz targets in Fuzz/ (a separate package).
        .library(name: "FrogAudio", targets: ["FrogAudio"]),
        .library(name: "FrogDSP", targets: ["FrogDSP"]),
        .library(name: "FrogNN", targets: ["FrogNN"]),
        .library(name: "FrogData", targets: ["FrogData"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: systemLibraries + [
        // MARK: - Lower layers (public API; unchanged by the split)
        .target(name: "FrogAudio", dependencies: ["CSndfile", "CSoxr"], exclude: ["README.md"], swiftSettings: fast),
        .target(name: "FrogDSP", dependencies: ["CFFTW"], swiftSettings: fast),
        .target(name: "FrogImage", dependencies: ["CPNG"], exclude: ["README.md"], swiftSettings: fast),
        .target(name: "FrogNN", dependencies: ["COpenBLAS"], exclude: ["Recurrent/README.md"], swiftSettings: fast),
        .target(name: "FrogData", dependencies: ["FrogAudio", "FrogDSP"], swiftSettings: fast),

        // MARK: - Capability modules
        //
        // Lowest first; `→` names the modules each one is built on (what those need comes along;
        // every edge is in the target's `dependencies` below and in docs/architecture.md):
        //   FrogCore      files, recordings, time, worker pool  → FrogAudio, FrogData
        //   FrogConfig    the run config (Yams)                 → FrogCore
        //   FrogPlots     spectrogram and bar-plot pictures     → FrogCore
        //   FrogModel     model files and scoring               → FrogConfig
        //   FrogSynth     synthetic audio (Yams)                → FrogConfig
        //   FrogDetect    detect                                → FrogModel
        //   FrogEvaluate  metrics and reports                   → FrogDetect
        //   FrogReview    review samples, tables and labels     → FrogDetect
        //   FrogTrain     dataset, train, runs (Yams)           → FrogEvaluate, FrogReview, FrogSynth, FrogPlots
        //   FrogSurvey    survey database (GRDB, Yams)          → FrogDetect, FrogReview
        //   FrogBench     timed workloads                       → FrogDetect
        //   frogscan      the command line                      → all of them

        // Files, recordings and time shared by everything above: atomic writes, CSV, content
        // hashes, recording discovery, file-name timestamps, the worker pool, partial failure.
        .target(name: "FrogCore", dependencies: ["FrogAudio", "FrogDSP", "FrogData"], exclude: ["README.md"], swiftSettings: fast),
        // The run config (`RunConfig`, YAML in and out, validation) and the audio lists it names.
        .target(
            name: "FrogConfig",
            dependencies: ["FrogCore", "FrogDSP", "FrogData", .product(name: "Yams", package: "Yams")],
            exclude: ["README.md"], swiftSettings: fast),
        // Trained models: the model file (`ModelBundle`), ensembles, the network factory,
        // `WindowClassifier`, thresholds and where the default model is.
        .target(
            name: "FrogModel", dependencies: ["FrogCore", "FrogConfig", "FrogDSP", "FrogData", "FrogNN"],
            exclude: ["README.md"], swiftSettings: fast),
        // `detect`: recordings → sliding windows → scores → merged detections → CSV, Raven,
        // Audacity, snippets.
        .target(
            name: "FrogDetect",
            dependencies: [
                "FrogCore", "FrogModel", "FrogAudio", "FrogDSP", "FrogData", "FrogImage",
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"], swiftSettings: fast),
        // Metrics and evaluation reports: per-window, per-recording (presence) and per-event.
        .target(
            name: "FrogEvaluate",
            dependencies: ["FrogCore", "FrogConfig", "FrogModel", "FrogDetect", "FrogData", "FrogImage"],
            exclude: ["README.md"], swiftSettings: fast),
        // Review of detections: stratified samples, review tables, their summary and labels.
        .target(
            name: "FrogReview",
            dependencies: ["FrogCore", "FrogDetect", "FrogAudio", "FrogDSP", "FrogData", "FrogImage", "FrogNN"],
            exclude: ["README.md"], swiftSettings: fast),
        // Synthetic choruses, noise and survey trees with ground truth; synthetic negatives.
        .target(
            name: "FrogSynth",
            dependencies: ["FrogCore", "FrogConfig", "FrogAudio", "FrogDSP", "FrogData", "FrogNN", .product(name: "Yams", package: "Yams")],
            exclude: ["README.md"], swiftSettings: fast),
        // Pictures: spectrogram PNGs and bar plots of CSV columns.
        .target(
            name: "FrogPlots", dependencies: ["FrogCore", "FrogAudio", "FrogDSP", "FrogData", "FrogImage"],
            exclude: ["README.md"], swiftSettings: fast),
        // `train` and `dataset`: dataset building, the trainer, cross-validation, run folders.
        .target(
            name: "FrogTrain",
            dependencies: [
                "FrogCore", "FrogConfig", "FrogModel", "FrogEvaluate", "FrogReview", "FrogSynth", "FrogPlots",
                "FrogAudio", "FrogDSP", "FrogData", "FrogImage", "FrogNN", .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["README.md"], swiftSettings: fast),
        // `survey`: the survey database (the only module on GRDB), its runs, merges and reports.
        .target(
            name: "FrogSurvey",
            dependencies: [
                "FrogCore", "FrogConfig", "FrogModel", "FrogDetect", "FrogReview", "FrogData", "FrogImage",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["README.md"], swiftSettings: fast),
        // `bench`: the timed workloads.
        .target(
            name: "FrogBench",
            dependencies: ["FrogModel", "FrogDetect", "FrogAudio", "FrogDSP", "FrogNN"],
            exclude: ["README.md"], swiftSettings: fast),

        // MARK: - The command line
        .executableTarget(
            name: "frogscan",
            dependencies: [
                "FrogCore", "FrogConfig", "FrogModel", "FrogDetect", "FrogEvaluate", "FrogReview",
                "FrogSynth", "FrogPlots", "FrogTrain", "FrogSurvey", "FrogBench",
                "FrogAudio", "FrogDSP", "FrogImage", "FrogNN", "FrogData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // MARK: - Test support
        .target(name: "FrogTestSupport", dependencies: ["FrogNN"], path: "Tests/FrogTestSupport"),

        // MARK: - Unit test bundles
        .testTarget(name: "FrogAudioTests", dependencies: ["FrogAudio", "FrogTestSupport"]),
        .testTarget(
            name: "FrogDSPTests", dependencies: ["FrogDSP", "FrogAudio", "FrogTestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "FrogImageTests", dependencies: ["FrogImage", "FrogTestSupport"]),
        .testTarget(
            name: "FrogNNTests", dependencies: ["FrogNN", "FrogTestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "FrogDataTests", dependencies: ["FrogData", "FrogAudio", "FrogDSP", "FrogNN", "FrogTestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "FrogScanTests",  // the capability modules' tests (the name is the old single module's)
            dependencies: [
                "FrogCore", "FrogConfig", "FrogModel", "FrogDetect", "FrogEvaluate", "FrogReview",
                "FrogSynth", "FrogPlots", "FrogTrain", "FrogSurvey",
                "FrogData", "FrogImage", "FrogAudio", "FrogDSP", "FrogNN", "FrogTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),  // reads survey databases directly
            ],
            resources: [.copy("Fixtures")]),
        // Golden/ holds expected `--help` texts, read by path (#filePath), not as resources.
        .testTarget(name: "frogscanTests", dependencies: ["FrogTestSupport", "FrogDSP", "FrogAudio"], exclude: ["Golden"]),
    ],
    // Swift 6 language mode, complete data-race checking, for every target.
    swiftLanguageModes: [.v6]
)
