/// What can go wrong in a survey job, with what to do about it.
public enum SurveyError: Error, CustomStringConvertible, Equatable {
    case invalidShard(String)
    case rootMissing(String)
    case databaseMissing(String)
    case noModelInDatabase(String)
    case invalidDate(String)
    case invalidSetting(String)
    /// SQLite could not use the database at `path`: what is wrong and what to do.
    case database(path: String, problem: String, advice: String)
    /// The file is another program's SQLite database.
    case foreignDatabase(path: String, applicationID: Int32, tables: [String])

    public var description: String {
        switch self {
        case .invalidShard(let text):
            return "invalid --shard '\(text)': expected i/N with 0 <= i < N, e.g. 0/4"
        case .rootMissing(let path):
            return "\(path): survey folder not found; pass the folder the recorder cards are copied into"
        case .databaseMissing(let path):
            return "\(path): survey database not found; run 'frogscan survey run ROOT --db \(path)' first"
        case .noModelInDatabase(let path):
            return "\(path): no detections from any model yet; run 'frogscan survey run' first"
        case .invalidDate(let text):
            return "invalid date '\(text)': expected YYYY-MM-DD"
        case .invalidSetting(let text):
            return "invalid survey setting: \(text)"
        case .database(let path, let problem, let advice):
            return "\(path): survey database \(problem); \(advice)"
        case .foreignDatabase(let path, let applicationID, let tables):
            let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
            return "\(path): not a frogscan survey database (application_id \(applicationID), tables \(shown)); "
                + "it was left untouched; give a new file or a database made by 'frogscan survey run'"
        }
    }
}

import GRDB

extension SurveyError {
    /// A GRDB failure on the database at `path`, with what to do for the usual causes.
    static func database(_ error: DatabaseError, path: String) -> SurveyError {
        let sqlite = error.message ?? "\(error.resultCode)"
        let (problem, advice): (String, String)
        switch error.resultCode.primaryResultCode {
        case .SQLITE_NOTADB:
            (problem, advice) = ("is not an SQLite database (\(sqlite))", "it is another kind of file or damaged; give a survey database or a new path")
        case .SQLITE_CORRUPT:
            (problem, advice) = ("is damaged or truncated (\(sqlite))", "restore it from a backup, or start a new one with another --db path")
        case .SQLITE_READONLY:
            (problem, advice) = ("cannot be written (\(sqlite))", "check the permissions of the file and its folder; 'survey report' only reads")
        case .SQLITE_CANTOPEN:
            (problem, advice) = ("cannot be opened (\(sqlite))", "check that it is a file in a folder you may read (and write, to run a survey)")
        case .SQLITE_FULL:
            (problem, advice) = ("cannot grow (\(sqlite))", "free disk space and run again; finished recordings are kept")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            (problem, advice) = ("is busy (\(sqlite))", "another program holds it; wait for it or close it, then run again")
        case .SQLITE_IOERR:
            (problem, advice) = ("could not be read or written (\(sqlite))", "check the disk and that the file is complete")
        default:
            (problem, advice) = ("failed (\(sqlite))", "check that it is a survey database made by frogscan")
        }
        return .database(path: path, problem: problem, advice: advice)
    }
}
