import Foundation

/// Why the data or a run folder cannot be used although the configuration is valid: each case
/// names the file or folder, says what is wrong with it and what to do. (`ConfigError` is for
/// settings and for paths that do not exist; these paths usually do.)
public enum DataError: Error, CustomStringConvertible, Equatable {
    /// The recordings and labels gave no window to train on.
    case noTrainingWindows(recordings: String, labels: String)
    /// Training windows exist, but none landed in the validation split.
    case noValidationWindows(recordings: String, labels: String)
    /// The labels give fewer than two classes (with the background class), too few to train.
    case tooFewClasses(labels: String, found: [String])
    /// `--split` kept no recording: the split file assigns none of the given recordings to it.
    case emptySplit(split: String, splitFile: String, recordings: Int)
    /// A path given as a run folder is missing or is not a folder.
    case notARunFolder(path: String, reason: String)
    /// `train --resume` on a run that has not saved a checkpoint yet.
    case noCheckpoint(run: String, checkpoint: String)
    /// A file in a run folder (such as `metrics.csv`) could not be appended to.
    case cannotAppend(path: String, reason: String)

    public var description: String {
        switch self {
        case .noTrainingWindows(let recordings, let labels):
            return "no training windows: the labels in \(labels) gave no window of a training recording in \(recordings) "
                + "(no label matched a recording, or every labelled recording went to validation or test); "
                + "run 'frogscan dataset check --recordings \(recordings) --labels \(labels)' and look at data.split_file, "
                + "data.validation_fraction and data.test_fraction"
        case .noValidationWindows(let recordings, let labels):
            return "no validation windows: none of the labelled recordings in \(recordings) (labels \(labels)) went to the "
                + "validation split; add recordings (or groups), raise data.validation_fraction, or check data.split_file"
        case .tooFewClasses(let labels, let found):
            let list = found.isEmpty ? "none" : found.joined(separator: ", ")
            return "training needs at least 2 classes (the background class counts), and the labels in \(labels) "
                + "give \(found.count): \(list); label calls of more species ('frogscan dataset summary' shows what was "
                + "read), keep clips.background_label set so call-free windows train a 'no frog' class, or check "
                + "data.ignore and data.aliases"
        case .emptySplit(let split, let splitFile, let recordings):
            return "\(splitFile) puts none of the \(recordings) recording(s) given in split '\(split)'; "
                + "pass the recordings the model was trained on, or another --split"
        case .notARunFolder(let path, let reason):
            return "\(path) is not a run folder: \(reason) (expected runs/<time>-<name>/, as frogscan train writes)"
        case .noCheckpoint(let run, let checkpoint):
            return "nothing to resume in \(run): it has no \((checkpoint as NSString).lastPathComponent) yet "
                + "(the run stopped before its first epoch ended); start the training again without --resume"
        case .cannotAppend(let path, let reason):
            return "cannot append to \(path): \(reason); the run folder must stay in place and writable while training runs"
        }
    }
}

extension DataError {
    /// `RunFolder(existing:)`'s error for `path`, saying whether it is missing or a file.
    package static func notARunFolder(_ path: String) -> DataError {
        .notARunFolder(
            path: path, reason: FileManager.default.fileExists(atPath: path) ? "it is a file, not a folder" : "it does not exist")
    }
}
