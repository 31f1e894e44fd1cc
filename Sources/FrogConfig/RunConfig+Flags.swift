import Foundation
import FrogCore

extension RunConfig {
    /// Every setting as `dotted.key → value` (values in compact JSON: `5`, `"cnn"`, `[5,3]`),
    /// for listing runs and for the flags that differ between two configurations.
    public func flattened() -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self),
            let object = try? JSONSerialization.jsonObject(with: data)
        else { return [:] }
        var result: [String: String] = [:]
        func walk(_ value: Any, _ path: String) {
            if let mapping = value as? [String: Any], !mapping.isEmpty {
                for (key, child) in mapping { walk(child, path.isEmpty ? key : "\(path).\(key)") }
            } else if let data = try? JSONSerialization.data(
                withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) {
                result[path] = String(decoding: data, as: UTF8.self)
            }
        }
        walk(object, "")
        return result
    }

    /// `key=value` for each setting that differs from `base` (as `--set` would write it),
    /// sorted by key; `name` is left out since every run has its own.
    public func flags(differingFrom base: RunConfig) -> [String] {
        let mine = flattened()
        let theirs = base.flattened()
        return Set(mine.keys).union(theirs.keys).sorted().compactMap { key in
            guard key != "name", mine[key] != theirs[key] else { return nil }
            return "\(key)=\((mine[key] ?? "null").replacingOccurrences(of: "\"", with: ""))"
        }
    }

    /// A short, stable fingerprint of the resolved settings (a 64-bit content hash of the sorted flags),
    /// stored with models as provenance.
    public var fingerprint: String {
        let text = flattened().sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            .joined(separator: "\n")
        return ContentHash.of(Data(text.utf8))
    }
}
