// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for frogscan's readers: a package of its own, so the root package's
// normal build (`make build`, `make test`) never sees an executable without `main`.
// Built by `make fuzz`, which passes `-sanitize=fuzzer,address -parse-as-library` to every
// Swift module (see docs/fuzzing.md).

/// One executable per fuzz target; each holds `LLVMFuzzerTestOneInput` and nothing else.
let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
    ("FuzzRaven", [.product(name: "FrogData", package: "frogscan")]),
    ("FuzzAudacity", [.product(name: "FrogData", package: "frogscan")]),
    ("FuzzAnnotationCSV", [.product(name: "FrogData", package: "frogscan")]),
    ("FuzzConfig", [.product(name: "FrogModel", package: "frogscan"), .product(name: "FrogDSP", package: "frogscan")]),
    ("FuzzModel", [
        .product(name: "FrogModel", package: "frogscan"), .product(name: "FrogNN", package: "frogscan"),
        .product(name: "FrogDSP", package: "frogscan"),
    ]),
    ("FuzzNPY", [.product(name: "FrogDSP", package: "frogscan")]),
    ("FuzzAudio", [.product(name: "FrogAudio", package: "frogscan")]),
]

let package = Package(
    name: "FrogFuzz",
    platforms: [.macOS(.v13)],
    products: fuzzTargets.map { .executable(name: $0.name, targets: [$0.name]) },
    dependencies: [.package(name: "frogscan", path: "..")],
    targets: [.target(name: "FuzzSupport")]
        + fuzzTargets.map { .executableTarget(name: $0.name, dependencies: $0.dependencies + ["FuzzSupport"]) },
    swiftLanguageModes: [.v5]
)
