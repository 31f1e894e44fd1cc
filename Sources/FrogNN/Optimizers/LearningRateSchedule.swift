import Foundation

/// Learning rate as a function of the epoch (0-based), PyTorch-style.
public enum LearningRateSchedule: Codable, Equatable, Sendable {
    /// The base rate throughout.
    case constant
    /// `StepLR`: base · gamma^(⌊epoch / stepSize⌋).
    case step(stepSize: Int, gamma: Float)
    /// `CosineAnnealingLR`: minimum + (base − minimum)·(1 + cos(π·epoch/totalEpochs))/2.
    case cosine(totalEpochs: Int, minimum: Float)

    /// The rate for `epoch` given the base rate.
    public func rate(epoch: Int, baseRate: Float) -> Float {
        switch self {
        case .constant:
            return baseRate
        case .step(let stepSize, let gamma):
            return baseRate * powf(gamma, Float(epoch / max(stepSize, 1)))
        case .cosine(let totalEpochs, let minimum):
            let progress = Float(min(epoch, totalEpochs)) / Float(max(totalEpochs, 1))
            return minimum + (baseRate - minimum) * (1 + cosf(Float.pi * progress)) / 2
        }
    }
}

/// `ReduceLROnPlateau` (mode "min", relative threshold): multiplies the rate by `factor` once
/// the metric has not improved on its best by more than `threshold` (relative) for more than
/// `patience` epochs, then waits `cooldown` epochs. Codable so checkpoints can keep it.
public struct ReduceOnPlateau: Codable, Equatable, Sendable {
    public var factor: Float
    public var patience: Int
    public var threshold: Float
    public var cooldown: Int
    public var minimumRate: Float
    /// Best metric so far.
    public private(set) var best: Float = .infinity
    public private(set) var badEpochs = 0
    public private(set) var cooldownLeft = 0

    public init(factor: Float = 0.1, patience: Int = 10, threshold: Float = 1e-4, cooldown: Int = 0, minimumRate: Float = 0) {
        self.factor = factor
        self.patience = patience
        self.threshold = threshold
        self.cooldown = cooldown
        self.minimumRate = minimumRate
    }

    /// Records this epoch's metric (lower is better) and returns the rate to use next.
    public mutating func update(metric: Float, currentRate: Float) -> Float {
        if metric < best * (1 - threshold) {
            best = metric
            badEpochs = 0
        } else {
            badEpochs += 1
        }
        if cooldownLeft > 0 {
            cooldownLeft -= 1
            badEpochs = 0
        }
        guard badEpochs > patience else { return currentRate }
        cooldownLeft = cooldown
        badEpochs = 0
        return max(currentRate * factor, minimumRate)
    }
}
