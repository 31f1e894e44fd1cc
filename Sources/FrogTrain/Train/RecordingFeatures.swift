import Foundation
import FrogAudio
import FrogConfig
import FrogData
import FrogDSP

/// Whole-recording features for dataset building, read through the on-disk `FeatureCache`
/// (`data.cache`) when one is configured, and counted so a build can say how many recordings
/// it really decoded.
final class RecordingFeatures {
    /// What a cache entry depends on besides the file's bytes.
    struct CacheParameters: Encodable {
        /// Bumped when decoding or channel mixing changes, so old entries stop matching.
        var format = "frogscan-recording-features-1"
        var features: FeatureConfig
        var targetRate: Int
        var channels = "mix"
    }

    let extractor: FeatureExtractor
    let cache: FeatureCache?
    private(set) var decoded = 0
    private(set) var fromCache = 0
    private var cacheBroken = false
    private let log: (String) -> Void

    init(config: RunConfig, log: @escaping (String) -> Void) {
        extractor = FeatureExtractor(config: config.features)
        cache = config.data.cache.isEmpty ? nil : FeatureCache(directory: config.data.cache)
        self.log = log
    }

    /// The recording's features: from the cache, else decoded (and then cached).
    func image(of path: String) throws -> FeatureImage {
        guard let cache, !cacheBroken else { return try decode(path) }
        let parameters = CacheParameters(features: extractor.config, targetRate: extractor.config.sampleRate)
        guard let key = try? cache.key(for: path, parameters: parameters) else { return try decode(path) }
        if let cached = cache.load(key: key) {
            fromCache += 1
            return cached
        }
        let image = try decode(path)
        do {
            try cache.store(image, key: key)
        } catch {
            // The cache only saves time: a read-only or full disk must not stop training.
            cacheBroken = true
            log("feature cache: \(error); continuing without it (set data.cache to a writable folder, or \"\" to switch it off)")
        }
        return image
    }

    /// "decoded N recording(s), M from the feature cache (DIR)".
    var summary: String {
        guard let cache else { return "features: decoded \(decoded) recording(s) (data.cache is off)" }
        return "features: decoded \(decoded) recording(s), \(fromCache) from the feature cache (\(cache.directory))"
    }

    private func decode(_ path: String) throws -> FeatureImage {
        decoded += 1
        return try DatasetBuilder.features(of: path, extractor: extractor)
    }
}
