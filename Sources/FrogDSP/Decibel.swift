import Foundation

/// Power to decibels as `librosa.power_to_db`:
/// `10·log10(max(x, amin)) − 10·log10(max(amin, ref))`, then, if `topDB` is set, values below
/// `max − topDB` are raised to it.
public struct Decibel: Equatable, Sendable {
    /// Floor applied before the logarithm (> 0).
    public var amin: Float
    /// Reference power; `10·log10(max(amin, ref))` is subtracted.
    public var ref: Float
    /// Dynamic range kept below the maximum, if any.
    public var topDB: Float?

    public init(amin: Float = 1e-10, ref: Float = 1, topDB: Float? = nil) {
        precondition(amin > 0, "amin must be positive")
        self.amin = amin
        self.ref = ref
        self.topDB = topDB
    }

    /// The dB fields of a feature configuration.
    public init(config: FeatureConfig) {
        self.init(amin: config.amin, ref: config.ref, topDB: config.topDB)
    }

    /// Decibels of `values` (any shape), with `topDB` relative to their maximum.
    public func convert(_ values: [Float]) -> [Float] {
        var out = values
        out.withUnsafeMutableBufferPointer { buffer in
            convertInPlace(buffer.baseAddress!, count: buffer.count)
        }
        if let topDB { applyTopDB(&out, relativeTo: out.max() ?? 0, range: topDB) }
        return out
    }

    /// `values[i] = max(values[i], peak − range)` (librosa's top_db clipping).
    func applyTopDB(_ values: inout [Float], relativeTo peak: Float, range: Float) {
        let floor = peak - range
        for i in values.indices where values[i] < floor { values[i] = floor }
    }

    /// The `10·log10` part, in place, without `topDB`. Vectorised (see `fastNaturalLog`) when
    /// the floor is a normal float, which any sensible amin is.
    @inline(__always)
    func convertInPlace(_ values: UnsafeMutablePointer<Float>, count: Int) {
        let offset = 10 * log10(Double(max(amin, ref)))
        if amin >= Float.leastNormalMagnitude {
            // 10·log10(x) = ln(x) · 10 / ln 10; the offset is folded in once.
            let scale: Float = 4.342944819032518
            let shift = Float(offset)
            let floor = amin
            for i in 0..<count {
                values[i] = fastNaturalLog(max(values[i], floor)) * scale - shift
            }
        } else {
            for i in 0..<count {
                values[i] = Float(10 * log10(Double(max(values[i], amin))) - offset)
            }
        }
    }
}
