import Foundation

/// How raw label text becomes class names: an alias map, an ignore list, the known classes and
/// which columns to read. Codable with snake_case keys, for the `labels:` part of a config.
///
/// Matching is forgiving about spelling that does not change meaning: case, surrounding spaces,
/// and `_` versus space are ignored, so `"Alytes obstetricans"` finds the class
/// `Alytes_obstetricans` without an alias.
public struct LabelConfig: Codable, Equatable, Sendable {
    /// Raw label → class name, e.g. `"C. signifera": crinia_signifera`.
    public var aliases: [String: String] = [:]
    /// Labels (raw or after aliasing) whose annotations are dropped, e.g. `["unsure", "?"]`.
    public var ignore: [String] = []
    /// The known classes; labels outside it are reported by `dataset check`. nil accepts any.
    public var classes: [String]? = nil
    /// The Raven column holding the class; nil tries Species, Annotation, Class, Label, Sound Type.
    public var labelColumn: String? = nil
    /// The attribute naming a recording's group (site) for splits and summaries, e.g. `group_id`.
    public var groupColumn: String? = nil

    public init(
        aliases: [String: String] = [:], ignore: [String] = [], classes: [String]? = nil,
        labelColumn: String? = nil, groupColumn: String? = nil
    ) {
        self.aliases = aliases
        self.ignore = ignore
        self.classes = classes
        self.labelColumn = labelColumn
        self.groupColumn = groupColumn
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case aliases, ignore, classes
        case labelColumn = "label_column", groupColumn = "group_column"
    }

    public init(from decoder: Decoder) throws {
        try decoder.checkKnownKeys(CodingKeys.allCases.map(\.stringValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        aliases = try c.decodeIfPresent([String: String].self, forKey: .aliases) ?? [:]
        ignore = try c.decodeIfPresent([String].self, forKey: .ignore) ?? []
        classes = try c.decodeIfPresent([String].self, forKey: .classes)
        labelColumn = try c.decodeIfPresent(String.self, forKey: .labelColumn)
        groupColumn = try c.decodeIfPresent(String.self, forKey: .groupColumn)
    }

    /// The comparison key of a label: lower-case, trimmed, `_` and runs of spaces as one space.
    public static func key(_ label: String) -> String {
        label.lowercased().replacingOccurrences(of: "_", with: " ")
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// The class name for `raw`, or nil when it is on the ignore list (before or after aliasing).
    public func resolve(_ raw: String) -> String? {
        let ignored = Set(ignore.map(Self.key))
        let rawKey = Self.key(raw)
        if ignored.contains(rawKey) { return nil }
        var label = raw.trimmingCharacters(in: .whitespaces)
        if let alias = aliases.first(where: { Self.key($0.key) == rawKey }) { label = alias.value }
        if let known = classes?.first(where: { Self.key($0) == Self.key(label) }) { label = known }
        return ignored.contains(Self.key(label)) ? nil : label
    }

    /// True when `label` is one of `classes` (always true without a class list).
    public func isKnown(_ label: String) -> Bool {
        classes.map { $0.contains(label) } ?? true
    }
}
