import Foundation
import FrogCore
import FrogData

/// Which species truly called at which site on which night: the `truth.csv` that
/// `frogscan synth --survey-tree` writes beside its tree, or one made by hand from a listening
/// survey. Columns `site,night,species,present` (1 or 0; others, such as `calls`, are ignored);
/// `night` is the evening's date, as in every survey report.
public struct SurveyTruth: Sendable {
    /// One site × night × species cell of the truth table.
    public struct Cell: Hashable, Comparable, Sendable {
        public var site: String
        public var night: String
        public var species: String

        public static func < (a: Cell, b: Cell) -> Bool {
            (a.site, a.night, a.species) < (b.site, b.night, b.species)
        }
    }

    /// Whether each listed cell's species was present.
    public var present: [Cell: Bool]

    public init(present: [Cell: Bool]) { self.present = present }

    /// Reads `path`; every species must be one of `knownSpecies` (the model's classes).
    public static func load(path: String, knownSpecies: [String]) throws -> SurveyTruth {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SurveyTruthError("\(path): cannot read the truth table (\(error.localizedDescription)); "
                + "give the truth.csv that 'frogscan synth --survey-tree' wrote, or one with columns site,night,species,present")
        }
        let records: [CSVRecord]
        do {
            records = try CSVRecords.parse(text, source: path)
        } catch {
            throw SurveyTruthError("\(error)")
        }
        guard let header = records.first else { throw SurveyTruthError("\(path): empty truth table; expected a header site,night,species,present") }
        let required = ["site", "night", "species", "present"]
        let index = required.map { name in header.fields.firstIndex(of: name) }
        guard index.allSatisfy({ $0 != nil }) else {
            throw SurveyTruthError("\(path):\(header.line): the header needs columns \(required.joined(separator: ",")), "
                + "found \(header.fields.joined(separator: ","))")
        }
        let (site, night, species, flag) = (index[0]!, index[1]!, index[2]!, index[3]!)
        var present: [Cell: Bool] = [:]
        var firstLine: [Cell: Int] = [:]
        for record in records.dropFirst() {
            let at = "\(path):\(record.line)"
            guard record.fields.count == header.fields.count else {
                throw SurveyTruthError("\(at): \(record.fields.count) field(s) where the header has \(header.fields.count)")
            }
            let cell = Cell(site: record.fields[site], night: record.fields[night], species: record.fields[species])
            guard !cell.site.isEmpty else { throw SurveyTruthError("\(at): empty site") }
            guard isDate(cell.night) else {
                throw SurveyTruthError("\(at): night '\(cell.night)' is not a date YYYY-MM-DD (the evening's date)")
            }
            guard knownSpecies.contains(cell.species) else {
                throw SurveyTruthError("\(at): species '\(cell.species)' is not one the model knows "
                    + "(\(knownSpecies.joined(separator: ", "))); remove its rows or report a model that has it")
            }
            guard let value = ["0": false, "1": true][record.fields[flag]] else {
                throw SurveyTruthError("\(at): present must be 0 or 1, found '\(record.fields[flag])'")
            }
            if let earlier = firstLine[cell] {
                throw SurveyTruthError("\(at): \(cell.site), \(cell.night), \(cell.species) was already given on line \(earlier)")
            }
            firstLine[cell] = record.line
            present[cell] = value
        }
        return SurveyTruth(present: present)
    }

    private static func isDate(_ text: String) -> Bool {
        text.count == 10 && SurveyClock.parseDate(text) != nil
    }
}

/// A truth table that cannot be used; the message names the file and line and what to do.
public struct SurveyTruthError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
