import Foundation
import FrogDSP

extension Decoder {
    /// Rejects keys of the `features:` section that `FeatureConfig` does not know.
    ///
    /// FeatureConfig (FrogDSP) ignores unknown keys when decoding, so its key set is read off
    /// its own encoding with every optional field filled in: a key added in FrogDSP is then
    /// accepted here without a second list to keep in step.
    func rejectUnknownFeatureKeys() throws {
        try rejectUnknownKeys(allowed: featureKeyTree.keys.sorted())
        let c = try container(keyedBy: AnyCodingKey.self)
        for (key, children) in featureKeyTree where !children.isEmpty {
            let childKey = AnyCodingKey(stringValue: key)
            guard c.contains(childKey), try !c.decodeNil(forKey: childKey) else { continue }
            try c.superDecoder(forKey: childKey).rejectUnknownKeys(allowed: children.sorted())
        }
    }
}

/// Each FeatureConfig key, with the keys nested under it (such as `pcen`'s).
private let featureKeyTree: [String: [String]] = {
    var probe = FeatureConfig()
    probe.winLength = probe.nFFT
    probe.topDB = 80
    probe.fmax = probe.fmax ?? Float(probe.sampleRate) / 2
    guard let data = try? JSONEncoder().encode(probe),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [:] }
    var tree: [String: [String]] = [:]
    for (key, value) in object {
        tree[key] = (value as? [String: Any]).map { Array($0.keys) } ?? []
    }
    return tree
}()
