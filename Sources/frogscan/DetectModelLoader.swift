import FrogScan

/// The one place `detect` turns model paths into a classifier: a `ModelBundle` (or, for several
/// paths, a `ModelEnsemble` of them) whose networks may use `threads` worker threads (one
/// classifier per detection worker; bundles are not shared).
enum DetectModelLoader {
    static func load(paths: [String], threads: Int) throws -> any WindowClassifier {
        let bundles = try paths.map { path -> ModelBundle in
            let bundle = try ModelBundle.load(path: path)
            bundle.network.threadCount = threads
            return bundle
        }
        return bundles.count == 1 ? bundles[0] : try ModelEnsemble(bundles, names: paths)
    }
}
