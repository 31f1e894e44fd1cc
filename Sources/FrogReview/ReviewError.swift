/// What can go wrong reading or writing review tables; every case names the file (and line)
/// and what to do.
public enum ReviewError: Error, CustomStringConvertible, Equatable {
    /// `--bins` is not an ascending list of at least two numbers in [0, 1].
    case invalidBins(String)
    /// A `Verdict` that is neither yes / no / unsure nor a known class.
    case unknownVerdict(location: String, verdict: String, classes: [String])
    /// A reviewed item's species is not a class of the model or the training set.
    case unknownSpecies(location: String, species: String, classes: [String])
    /// A table without a column this reader needs.
    case missingColumn(path: String, column: String)
    /// A value that cannot be read (a confidence that is not a number …).
    case malformed(location: String, message: String)
    /// Nothing to sample from.
    case noDetections(String)

    public var description: String {
        switch self {
        case .invalidBins(let text):
            return "--bins '\(text)': give at least two ascending edges in [0, 1], e.g. 0.5,0.7,0.9,1.0"
        case .unknownVerdict(let location, let verdict, let classes):
            return "\(location): Verdict '\(verdict)' is not yes, no, unsure, empty or a class name "
                + "(classes: \(classes.joined(separator: ", "))); fix the spelling or leave it empty"
        case .unknownSpecies(let location, let species, let classes):
            return "\(location): species '\(species)' is not one of the classes (\(classes.joined(separator: ", "))); "
                + "map it with data.aliases, add it to data.classes, or pass the class list (--classes / --model)"
        case .missingColumn(let path, let column):
            return "\(path):1: no '\(column)' column; is this a table written by `frogscan review sample`?"
        case .malformed(let location, let message):
            return "\(location): \(message)"
        case .noDetections(let source):
            return "\(source): no detections to sample (inside the confidence bins)"
        }
    }
}
