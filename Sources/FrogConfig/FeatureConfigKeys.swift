import FrogData
import FrogDSP

extension Decoder {
    /// Rejects keys of the `features:` section that `FeatureConfig` does not know (its own
    /// decoding ignores them), using FrogDSP's key lists so the two never drift apart.
    func rejectUnknownFeatureKeys() throws {
        try rejectUnknownKeys(allowed: FeatureConfig.keyNames)
        let c = try container(keyedBy: AnyKey.self)
        let pcen = AnyKey(stringValue: "pcen")
        guard c.contains(pcen), try !c.decodeNil(forKey: pcen) else { return }
        try c.superDecoder(forKey: pcen).rejectUnknownKeys(allowed: FeatureConfig.PCEN.keyNames)
    }
}
