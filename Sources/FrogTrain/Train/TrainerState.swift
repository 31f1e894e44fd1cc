import FrogNN

/// Everything besides weights and optimiser moments that a resumed run needs to continue
/// exactly as if it had never stopped; saved in the checkpoint's metadata after every epoch.
struct TrainerState: Codable, Equatable {
    /// Epochs finished.
    var epochsDone = 0
    var records: [EpochRecord] = []
    /// Best value of the watched metric, and the epoch it came from (0 = none yet).
    var bestMetric: Double?
    var bestEpoch = 0
    var epochsWithoutImprovement = 0
    /// Reduce-on-plateau bookkeeping and the factor it has applied so far.
    var plateau: ReduceOnPlateau
    var plateauScale: Double = 1
    var stoppedEarly = false
    /// Training windows relabelled as background by pseudo-labelling (indices into
    /// `TrainingData.train`), so a resumed run trains on the same labels.
    var relabelled: [Int]?
}

/// Per-epoch seeds derived from the run seed, so that epoch k's shuffling, augmentation and
/// dropout are the same whether or not the run was interrupted before it.
enum EpochSeed {
    static func seed(run: Int, epoch: Int, stream: UInt64) -> UInt64 {
        var generator = SeededRNG(seed: UInt64(run) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(epoch) &* 0xBF58_476D_1CE4_E5B9 &+ stream)
        return generator.next()
    }
}
