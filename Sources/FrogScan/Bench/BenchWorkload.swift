/// One reference workload of `frogscan bench`: a name, a unit and a function that measures it.
public struct BenchWorkload: Sendable {
    /// Stable name used on the command line and in `--json` output, e.g. `spectrogram-10min`.
    public var name: String
    /// Unit of the measured value: `s`, `samples/s`, `x_realtime`, `MB` …
    public var unit: String
    /// One-line description for `frogscan bench --list`.
    public var summary: String
    /// Runs the workload at the given thread count and returns the value (median of repeats
    /// where the workload repeats itself).
    public var run: @Sendable (_ threads: Int) throws -> Double

    public init(name: String, unit: String, summary: String, run: @escaping @Sendable (Int) throws -> Double) {
        self.name = name
        self.unit = unit
        self.summary = summary
        self.run = run
    }
}

/// One measured figure, as printed by `frogscan bench --json`.
public struct BenchResult: Codable, Equatable, Sendable {
    public var workload: String
    public var threads: Int
    public var value: Double
    public var unit: String

    public init(workload: String, threads: Int, value: Double, unit: String) {
        self.workload = workload
        self.threads = threads
        self.value = value
        self.unit = unit
    }
}
