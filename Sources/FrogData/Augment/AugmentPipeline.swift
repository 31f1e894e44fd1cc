import FrogDSP

/// A seeded sequence of augmentation steps, applied to examples in training only.
///
/// Each random step runs with its probability and draws its parameters from the generator
/// passed in, so the same seed gives the same examples. In evaluation (`training: false`) only
/// the normalisation steps run — they are preprocessing, not augmentation. `mixup` works on
/// pairs and so runs in `apply(batch:)`, after the per-example steps.
public struct AugmentPipeline: Codable, Equatable, Sendable {
    public var steps: [AugmentStep]

    public init(steps: [AugmentStep]) { self.steps = steps }

    /// A conservative default: small time shifts, SpecAugment masks and gain jitter. Nothing
    /// that changes pitch or sweep direction (no rotation, no frequency flip or shift).
    public static var standard: AugmentPipeline {
        var shift = AugmentStep(.timeShift, probability: 0.5)
        shift.maxFrames = 8
        var timeMask = AugmentStep(.timeMask, probability: 0.5)
        timeMask.maxFrames = 8
        var frequencyMask = AugmentStep(.frequencyMask, probability: 0.5)
        frequencyMask.maxBins = 6
        var gain = AugmentStep(.gain, probability: 0.5)
        gain.maxDB = 6
        return AugmentPipeline(steps: [shift, timeMask, frequencyMask, gain])
    }

    /// Checks every step.
    public func validate() throws {
        for step in steps { try step.validate() }
    }

    /// A copy whose featurewise steps carry per-bin means and standard deviations of `images`.
    public func fitted(to images: [FeatureImage]) -> AugmentPipeline {
        guard let bins = images.first?.bins else { return self }
        var sum = [Double](repeating: 0, count: bins)
        var sumSquares = [Double](repeating: 0, count: bins)
        var n = 0.0
        for image in images where image.bins == bins {
            for t in 0..<image.frames {
                for f in 0..<bins {
                    let v = Double(image[t, f])
                    sum[f] += v
                    sumSquares[f] += v * v
                }
            }
            n += Double(image.frames)
        }
        let means = sum.map { n > 0 ? $0 / n : 0 }
        let stds = zip(sumSquares, means).map { n > 0 ? max($0 / n - $1 * $1, 0).squareRoot() : 1 }
        var copy = self
        for i in copy.steps.indices where [.featurewiseCenter, .featurewiseStandardize].contains(copy.steps[i].name) {
            copy.steps[i].featureMeans = means.map(Float.init)
            copy.steps[i].featureStds = stds.map(Float.init)
        }
        return copy
    }

    /// One example's features through the per-example steps.
    ///
    /// - Parameter backgrounds: clips for the `background` step (dB images with the same bins).
    public func apply<R: RandomNumberGenerator>(
        _ image: FeatureImage, training: Bool, backgrounds: [FeatureImage] = [], using random: inout R
    ) throws -> FeatureImage {
        var out = image
        for step in steps where step.name != .mixup {
            if step.name.isNormalization {
                out = try normalize(out, step)
                continue
            }
            guard training else { continue }
            // Draw the coin even for p = 1, so adding a step never reshuffles the others' draws.
            let coin = Double.random(in: 0..<1, using: &random)
            guard coin < step.probability else { continue }
            out = try augment(out, step, backgrounds: backgrounds, using: &random)
        }
        return out
    }

    /// A batch of examples through the per-example steps, then mixup (training only): each
    /// example is blended with a random partner, `λ·x + (1−λ)·x'` for features and targets,
    /// with λ ~ Beta(α, α) folded to ≥ 0.5 so the example keeps its main class.
    public func apply<R: RandomNumberGenerator>(
        batch examples: [Example], training: Bool, backgrounds: [FeatureImage] = [], using random: inout R
    ) throws -> [Example] {
        var out = try examples.map { example -> Example in
            var copy = example
            copy.features = try apply(example.features, training: training, backgrounds: backgrounds, using: &random)
            return copy
        }
        guard training, let mixup = steps.first(where: { $0.name == .mixup }), out.count > 1 else { return out }
        let partners = Array(out.indices).shuffled(using: &random)
        let original = out
        for i in out.indices {
            guard Double.random(in: 0..<1, using: &random) < mixup.probability else { continue }
            let j = partners[i]
            guard j != i else { continue }
            var lambda = Float(Sampling.beta(mixup.alpha, mixup.alpha, using: &random))
            lambda = max(lambda, 1 - lambda)
            let other = original[j]
            precondition(other.features.values.count == out[i].features.values.count, "mixup needs equal shapes")
            for k in out[i].features.values.indices {
                out[i].features.values[k] = lambda * original[i].features.values[k] + (1 - lambda) * other.features.values[k]
            }
            for k in out[i].targets.indices {
                out[i].targets[k] = lambda * original[i].targets[k] + (1 - lambda) * other.targets[k]
            }
        }
        return out
    }

    private func normalize(_ image: FeatureImage, _ step: AugmentStep) throws -> FeatureImage {
        var out = image
        switch step.name {
        case .samplewiseCenter, .samplewiseStandardize:
            let n = Float(max(image.values.count, 1))
            let mean = image.values.reduce(0, +) / n
            let variance = image.values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
            // Keras's 1e-6 guard: a constant image is centred, not divided by zero.
            let scale: Float = step.name == .samplewiseStandardize ? 1 / (variance.squareRoot() + 1e-6) : 1
            for i in out.values.indices { out.values[i] = (out.values[i] - mean) * scale }
        case .featurewiseCenter, .featurewiseStandardize:
            guard let means = step.featureMeans, let stds = step.featureStds, means.count == image.bins, stds.count == image.bins else {
                throw FrogDataError.invalidConfig(
                    "augment step \(step.name.rawValue) needs per-bin statistics for \(image.bins) bins: call fitted(to:) on the training images")
            }
            let standardize = step.name == .featurewiseStandardize
            for t in 0..<image.frames {
                for f in 0..<image.bins {
                    let centred = out[t, f] - means[f]
                    out[t, f] = standardize ? centred / (stds[f] + 1e-6) : centred
                }
            }
        default:
            break
        }
        return out
    }

    private func augment<R: RandomNumberGenerator>(
        _ image: FeatureImage, _ step: AugmentStep, backgrounds: [FeatureImage], using random: inout R
    ) throws -> FeatureImage {
        typealias T = FeatureTransforms
        switch step.name {
        case .timeShift:
            let frames = Int.random(in: -step.maxFrames...step.maxFrames, using: &random)
            return T.shiftTime(image, by: frames, roll: step.roll, fillMode: step.fillMode, fillValue: step.fillValue)
        case .randomCrop:
            let minimum = max(1, Int((step.minFraction * Double(image.frames)).rounded(.up)))
            let length = Int.random(in: min(minimum, image.frames)...image.frames, using: &random)
            let start = Int.random(in: 0...(image.frames - length), using: &random)
            return T.cropTime(image, start: start, length: length)
        case .timeStretch:
            let rate = Double.random(in: step.minRate...step.maxRate, using: &random)
            return T.stretchTime(image, rate: rate, fillMode: step.fillMode, fillValue: step.fillValue)
        case .frequencyShift:
            let bins = Int.random(in: -step.maxBins...step.maxBins, using: &random)
            return T.shiftFrequency(image, by: bins, fillMode: step.fillMode, fillValue: step.fillValue)
        case .timeMask, .frequencyMask:
            let isTime = step.name == .timeMask
            let length = isTime ? image.frames : image.bins
            let maxWidth = min(isTime ? step.maxFrames : step.maxBins, length)
            // The mean of the unmasked image, so several masks fill with the same value.
            let value = step.fill == .mean ? image.values.reduce(0, +) / Float(max(image.values.count, 1)) : 0
            var out = image
            for _ in 0..<step.count {
                let width = Int.random(in: 0...maxWidth, using: &random)
                let start = Int.random(in: 0...(length - width), using: &random)
                out = isTime
                    ? T.maskTime(out, frames: start..<(start + width), value: value)
                    : T.maskFrequency(out, bins: start..<(start + width), value: value)
            }
            return out
        case .gain:
            let offset = Float.random(in: -step.maxDB...step.maxDB, using: &random)
            var out = image
            for i in out.values.indices { out.values[i] += offset }
            return out
        case .contrast:
            let factor = Float.random(in: step.minFactor...step.maxFactor, using: &random)
            let mean = image.values.reduce(0, +) / Float(max(image.values.count, 1))
            var out = image
            for i in out.values.indices { out.values[i] = mean + (out.values[i] - mean) * factor }
            return out
        case .background:
            guard !backgrounds.isEmpty else {
                throw FrogDataError.invalidConfig("augment step background: no background clips were given")
            }
            let clip = backgrounds[Int.random(in: 0..<backgrounds.count, using: &random)]
            guard clip.bins == image.bins else {
                throw FrogDataError.invalidConfig("augment step background: clip has \(clip.bins) bins, examples \(image.bins)")
            }
            let offset = Int.random(in: 0..<max(clip.frames, 1), using: &random)
            let snr = Float.random(in: step.minSNRDB...step.maxSNRDB, using: &random)
            return T.overlay(image, background: clip, offset: offset, snrDB: snr)
        case .rotation:
            let degrees = Double.random(in: -step.maxDegrees...step.maxDegrees, using: &random)
            return T.rotate(image, degrees: degrees, fillMode: step.fillMode, fillValue: step.fillValue)
        case .shear:
            let degrees = Double.random(in: -step.maxDegrees...step.maxDegrees, using: &random)
            return T.shear(image, degrees: degrees, fillMode: step.fillMode, fillValue: step.fillValue)
        case .zoom:
            let zx = Double.random(in: step.minZoom...step.maxZoom, using: &random)
            let zy = Double.random(in: step.minZoom...step.maxZoom, using: &random)
            return T.zoom(image, timeFactor: zx, frequencyFactor: zy, fillMode: step.fillMode, fillValue: step.fillValue)
        case .horizontalFlip:
            return T.flipTime(image)
        case .verticalFlip:
            return T.flipFrequency(image)
        case .mixup, .featurewiseCenter, .featurewiseStandardize, .samplewiseCenter, .samplewiseStandardize:
            return image
        }
    }
}
