import Foundation

/// A person's answer in a review table's `Verdict` column.
public enum ReviewVerdict: Equatable, Hashable, Sendable {
    /// Left empty.
    case notReviewed
    /// The detection is the species it says.
    case yes
    /// Not a call of that species, nor of another class: a false detection.
    case no
    /// Cannot tell; counted nowhere.
    case unsure
    /// A call of another class (its canonical name).
    case species(String)

    /// Reads a verdict: `yes` / `no` / `unsure` in any case, surrounding blanks ignored, empty =
    /// not reviewed, otherwise a class name from `classes` (matched ignoring case; the class
    /// list's spelling is returned). Anything else is an error naming `location` (`file:line`).
    ///
    /// A verdict naming the item's own species (`itemSpecies`) is a `yes`.
    public static func parse(
        _ text: String, itemSpecies: String? = nil, classes: [String], location: String
    ) throws -> ReviewVerdict {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .notReviewed }
        switch trimmed.lowercased() {
        case "yes": return .yes
        case "no": return .no
        case "unsure": return .unsure
        default: break
        }
        guard let name = classes.first(where: { $0.caseInsensitiveCompare(trimmed) == .orderedSame }) else {
            throw ReviewError.unknownVerdict(location: location, verdict: trimmed, classes: classes)
        }
        if let itemSpecies, name.caseInsensitiveCompare(itemSpecies) == .orderedSame { return .yes }
        return .species(name)
    }

    /// The text written back for this verdict.
    public var text: String {
        switch self {
        case .notReviewed: return ""
        case .yes: return "yes"
        case .no: return "no"
        case .unsure: return "unsure"
        case .species(let name): return name
        }
    }
}
