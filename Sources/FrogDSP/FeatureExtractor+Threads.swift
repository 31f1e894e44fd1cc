import Foundation

extension FeatureExtractor {
    /// Features of a mono signal computed by `threads` workers, each on a contiguous run of
    /// frames; identical to `features(samples:)` (each worker cuts exactly the frames the whole
    /// computation would, padding included). PCEN is a recursive filter over time, so with
    /// PCEN scaling this runs on one thread.
    public func features(samples: [Float], threads: Int) -> FeatureImage {
        let frameTotal = frameCount(sampleCount: samples.count)
        let workers = config.scaling == .pcen ? 1 : max(1, min(threads, frameTotal / 64))
        if workers == 1 { return features(samples: samples) }

        // Each worker copies its slice of the (virtually) padded signal and frames it uncentred.
        var sliceConfig = config
        sliceConfig.center = false
        sliceConfig.topDB = nil
        let slicer = FeatureExtractor(config: sliceConfig, plans: plans)
        let padding = config.center ? config.nFFT / 2 : 0
        let parts = Locked<[[Float]]>(Array(repeating: [], count: workers))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let first = frameTotal * w / workers
            let end = frameTotal * (w + 1) / workers
            let start = first * config.hopLength
            let stop = (end - 1) * config.hopLength + config.nFFT
            let slice = samples.withUnsafeBufferPointer { signal in
                (start..<stop).map { paddedSample(at: $0 - padding, in: signal) }
            }
            let values = slicer.features(samples: slice).values
            parts.withLock { $0[w] = values }
        }
        var values: [Float] = []
        values.reserveCapacity(frameTotal * bins)
        parts.withLock { parts in
            for part in parts { values += part }
        }
        var image = FeatureImage(
            bins: bins, frames: frameTotal, values: values, secondsPerFrame: config.secondsPerFrame,
            startSeconds: frameTime(0), binFrequencies: binFrequencies)
        if config.scaling == .db, let topDB = config.topDB, let peak = image.values.max() {
            Decibel(config: config).applyTopDB(&image.values, relativeTo: peak, range: topDB)
        }
        return image
    }

    /// Sample `index` of the signal extended by the configured padding (zeros or reflection).
    private func paddedSample(at index: Int, in signal: UnsafeBufferPointer<Float>) -> Float {
        if index >= 0 && index < signal.count { return signal[index] }
        if config.padMode == .constant { return 0 }
        return signal[FrameStream.reflectIndex(index, count: signal.count)]
    }
}
