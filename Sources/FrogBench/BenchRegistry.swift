/// Every reference workload `frogscan bench` knows, in the order it runs them.
/// Each area adds its workloads in its own file as a `static var` extension and lists it here.
public enum BenchRegistry {
    public static var all: [BenchWorkload] {
        dspWorkloads + audioWorkloads + neuralNetwork + recurrentWorkloads + detectWorkloads
    }

    /// The workload with this name, if any.
    public static func workload(named name: String) -> BenchWorkload? {
        all.first { $0.name == name }
    }
}
