/// A coding key for any string, to see every key a mapping really holds (shared by every
/// module's strict config decoding).
public struct AnyKey: CodingKey {
    public var stringValue: String
    public var intValue: Int?
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    /// Throws `FrogDataError.unknownKey` for the first key of this mapping outside `allowed`.
    /// Swift's decoding ignores unknown keys, which would turn a typo in a config
    /// (`min_overlapp`) into a silently ignored setting.
    public func checkKnownKeys(_ allowed: [String]) throws {
        guard let container = try? self.container(keyedBy: AnyKey.self) else {
            throw FrogDataError.invalidValue(path: codingPathText(codingPath), message: "expected a mapping of keys")
        }
        let known = Set(allowed)
        for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !known.contains(key.stringValue) {
            throw FrogDataError.unknownKey(path: codingPathText(codingPath + [key]), known: allowed)
        }
    }
}

/// `clips.min_overlap` for a coding path.
public func codingPathText(_ path: [CodingKey]) -> String {
    path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
}

extension KeyedDecodingContainer {
    /// The string at `key`, or `fallback` when absent; an empty scalar (`key: ""`, which YAML
    /// readers may report as null) is the empty string, not "use the default".
    func text(_ key: Key, default fallback: String) throws -> String {
        if contains(key), let text = try? decode(String.self, forKey: key) { return text }
        return try decodeIfPresent(String.self, forKey: key) ?? fallback
    }
}

extension KeyedDecodingContainer {
    /// One of a fixed set of names; an unknown name is reported with the allowed ones.
    func choice<T: RawRepresentable & CaseIterable>(_ key: Key, default fallback: T) throws -> T
    where T.RawValue == String {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return fallback }
        guard let value = T(rawValue: text) else {
            throw FrogDataError.invalidValue(
                path: codingPathText(codingPath + [key]),
                message: "'\(text)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}
