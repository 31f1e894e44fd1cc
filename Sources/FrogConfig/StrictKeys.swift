import FrogData

extension Decoder {
    /// Throws `ConfigError.unknownKey` for the first key in this mapping that `Keys` does not
    /// name. Swift's synthesised decoding silently ignores such keys, which would turn a typo
    /// such as `kernel_size` into a silently ignored setting.
    package func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
        try rejectUnknownKeys(allowed: keys.allCases.map(\.stringValue))
    }

    /// As `rejectUnknownKeys(_:)`, for a plain list of allowed names.
    func rejectUnknownKeys(allowed: [String]) throws {
        let container: KeyedDecodingContainer<AnyKey>
        do {
            container = try self.container(keyedBy: AnyKey.self)
        } catch {
            throw ConfigError.invalidValue(
                path: codingPathText(codingPath), source: "", message: "expected a mapping of keys")
        }
        let allowedSet = Set(allowed)
        for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue })
        where !allowedSet.contains(key.stringValue) {
            throw ConfigError.unknownKey(
                path: codingPathText(codingPath + [key]), source: "", known: allowed)
        }
    }
}

extension KeyedDecodingContainer {
    /// The value at `key`, or `fallback` when the key is absent or null.
    func value<T: Decodable>(_ key: Key, default fallback: T) throws -> T {
        // Yams reads an empty scalar as null; `key: ""` must mean the empty string ("none"),
        // not "use the default".
        if T.self == String.self, contains(key), let text = try? decode(String.self, forKey: key), text.isEmpty {
            return text as! T
        }
        return try decodeIfPresent(T.self, forKey: key) ?? fallback
    }

    /// A list that may also be written as a single scalar (`filters: 32` means `[32]`).
    func list<T: Decodable>(_ key: Key, default fallback: [T]) throws -> [T] {
        guard contains(key), try !decodeNil(forKey: key) else { return fallback }
        if let many = try? decode([T].self, forKey: key) { return many }
        return [try decode(T.self, forKey: key)]
    }
}

extension KeyedDecodingContainer {
    /// One of a fixed set of names; an unknown name is reported with the allowed ones (the
    /// default decoding error only says the string is invalid).
    func choice<T: RawRepresentable & CaseIterable & Decodable>(_ key: Key, default fallback: T) throws -> T
    where T.RawValue == String {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return fallback }
        guard let value = T(rawValue: text) else {
            throw ConfigError.invalidValue(
                path: codingPathText(codingPath + [key]), source: "",
                message: "'\(text)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}
