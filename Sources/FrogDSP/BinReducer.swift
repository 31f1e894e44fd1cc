/// STFT bins → feature bins for one frame, with the weights copied into flat buffers the
/// per-frame loop reads without retain/release or bounds checks: a banded mel product (each
/// band's run of non-zero weights), or a plain copy of the cropped bins.
final class BinReducer {
    private let bands: Int
    private let first: UnsafeMutablePointer<Int>
    private let offsets: UnsafeMutablePointer<Int>
    private let weights: UnsafeMutablePointer<Float>
    private let crop: Range<Int>?

    init(_ reduction: FeatureExtractor.Reduction, fftBins: Int) {
        switch reduction {
        case .mel(let bank):
            bands = bank.bands
            first = .allocate(capacity: bank.bands)
            first.initialize(from: bank.firstBin, count: bank.bands)
            offsets = .allocate(capacity: bank.bands + 1)
            offsets.initialize(from: bank.offsets, count: bank.bands + 1)
            weights = .allocate(capacity: max(1, bank.weights.count))
            weights.initialize(from: bank.weights, count: bank.weights.count)
            crop = nil
        case .crop(let range):
            bands = range.count
            first = .allocate(capacity: 1)
            offsets = .allocate(capacity: 1)
            weights = .allocate(capacity: 1)
            crop = range
        }
    }

    deinit {
        first.deallocate()
        offsets.deallocate()
        weights.deallocate()
    }

    @inline(__always)
    func reduce(_ spectrum: UnsafePointer<Float>, into row: UnsafeMutablePointer<Float>) {
        if let crop {
            row.update(from: spectrum + crop.lowerBound, count: crop.count)
            return
        }
        for m in 0..<bands {
            let begin = offsets[m]
            let end = offsets[m + 1]
            // Band m's weight j applies to bin first[m] + (j − begin).
            let bins = spectrum + (first[m] - begin)
            var sum: Float = 0
            var j = begin
            while j < end {
                sum += weights[j] * bins[j]
                j += 1
            }
            row[m] = sum
        }
    }
}
