/// What can go wrong in a survey job, with what to do about it.
public enum SurveyError: Error, CustomStringConvertible, Equatable {
    case invalidShard(String)
    case rootMissing(String)
    case databaseMissing(String)
    case noModelInDatabase(String)
    case invalidDate(String)
    case invalidSetting(String)

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
        }
    }
}
