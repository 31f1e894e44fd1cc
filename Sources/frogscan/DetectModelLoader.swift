import FrogScan

/// The one place `detect` turns a model path into a classifier: a `ModelBundle` whose network
/// may use `threads` worker threads (one bundle per detection worker; bundles are not shared).
enum DetectModelLoader {
    static func load(path: String, threads: Int) throws -> any WindowClassifier {
        let bundle = try ModelBundle.load(path: path)
        bundle.network.threadCount = threads
        return bundle
    }
}
