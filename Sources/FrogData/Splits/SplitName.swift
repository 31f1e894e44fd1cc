/// The three parts of a dataset.
public enum SplitName: String, Codable, Sendable, CaseIterable {
    case train, validation, test
}
