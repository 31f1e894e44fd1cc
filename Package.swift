// swift-tools-version:6.0
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

// Hot numeric loops are written with unchecked buffer access; -Ounchecked only matters in
// release builds (make build / make bench / make test all build release).
let fast: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release))]

let package = Package(
    name: "frogscan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "frogscan", targets: ["frogscan"]),
        .library(name: "FrogScan", targets: ["FrogScan"]),
        // The layers underneath, for the fuzz targets in Fuzz/ (a separate package).
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
        // MARK: - Public API
        .target(name: "FrogAudio", dependencies: ["CSndfile", "CSoxr"], exclude: ["README.md"], swiftSettings: fast),
        .target(name: "FrogDSP", dependencies: ["CFFTW"], swiftSettings: fast),
        .target(name: "FrogImage", dependencies: ["CPNG"], exclude: ["README.md"], swiftSettings: fast),
        .target(name: "FrogNN", dependencies: ["COpenBLAS"], exclude: ["Recurrent/README.md"], swiftSettings: fast),
        .target(name: "FrogData", dependencies: ["FrogAudio", "FrogDSP"], swiftSettings: fast),
        .target(
            name: "FrogScan",
            dependencies: [
                "FrogAudio", "FrogDSP", "FrogImage", "FrogNN", "FrogData",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: fast),
        .executableTarget(
            name: "frogscan",
            dependencies: [
                "FrogScan", "FrogAudio", "FrogDSP", "FrogImage", "FrogNN", "FrogData",
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
            name: "FrogScanTests",
            dependencies: [
                "FrogScan", "FrogData", "FrogImage", "FrogTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),  // reads survey databases directly
            ],
            resources: [.copy("Fixtures")]),
        // Golden/ holds expected `--help` texts, read by path (#filePath), not as resources.
        .testTarget(name: "frogscanTests", dependencies: ["FrogTestSupport", "FrogDSP", "FrogAudio"], exclude: ["Golden"]),
    ],
    // Swift 6 language mode, complete data-race checking, for every target.
    swiftLanguageModes: [.v6]
)
