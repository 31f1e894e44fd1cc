import FrogScan

/// The one place `detect` turns a model path into a classifier.
enum DetectModelLoader {
    static func load(path: String) throws -> any WindowClassifier {
        throw DetectError.noModel(searched: [path + " (model loading not wired yet)"])
    }
}
