/// Every reference workload `frogscan bench` knows, in the order it runs them.
/// Each area adds its workloads in its own file as a `static var` extension and lists it here.
package enum BenchRegistry {
    package static var all: [BenchWorkload] {
        dspWorkloads + audioWorkloads + neuralNetwork + recurrentWorkloads + detectWorkloads
    }

    /// The workload with this name, if any.
    package static func workload(named name: String) -> BenchWorkload? {
        all.first { $0.name == name }
    }
}
