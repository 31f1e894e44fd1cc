import FrogScan

/// The one place `detect` turns model paths into a classifier: a `ModelBundle` (or, for several
/// paths, a `ModelEnsemble` of them) whose networks may use `threads` worker threads (one
/// classifier per detection worker; bundles are not shared).
enum DetectModelLoader {
    static func load(paths: [String], threads: Int) throws -> any WindowClassifier {
        try ModelEnsemble.load(paths: paths, threads: threads)
    }
}
