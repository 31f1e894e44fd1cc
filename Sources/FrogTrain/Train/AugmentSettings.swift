import FrogConfig
import FrogData

extension RunConfig.AugmentSection {
    /// The `augment:` knobs as FrogData's augmentation pipeline, for windows of `frames`
    /// frames. The pipeline runs in training only.
    func pipeline(frames: Int, hasBackgrounds: Bool) -> AugmentPipeline {
        var steps: [AugmentStep] = []
        if timeShift > 0 {
            var shift = AugmentStep(.timeShift)
            shift.maxFrames = max(1, Int(timeShift * Double(frames)))
            // Rolling keeps every call in the window while moving it in time.
            shift.roll = true
            steps.append(shift)
        }
        if noiseProbability > 0, hasBackgrounds {
            var background = AugmentStep(.background, probability: noiseProbability)
            background.minSNRDB = Float(noiseSNRDB[0])
            background.maxSNRDB = Float(noiseSNRDB[1])
            steps.append(background)
        }
        if gainDB > 0 {
            var gain = AugmentStep(.gain)
            gain.maxDB = Float(gainDB)
            steps.append(gain)
        }
        if frequencyMasks > 0 {
            var mask = AugmentStep(.frequencyMask)
            mask.count = frequencyMasks
            mask.maxBins = frequencyMaskBins
            mask.fill = .mean
            steps.append(mask)
        }
        if timeMasks > 0 {
            var mask = AugmentStep(.timeMask)
            mask.count = timeMasks
            mask.maxFrames = timeMaskFrames
            mask.fill = .mean
            steps.append(mask)
        }
        steps += self.steps
        if mixup > 0 {
            var blend = AugmentStep(.mixup, probability: mixup)
            blend.alpha = mixupAlpha
            steps.append(blend)
        }
        return AugmentPipeline(steps: steps)
    }
}
