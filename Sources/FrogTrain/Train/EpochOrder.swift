import FrogConfig
import FrogData
import FrogNN

/// The order of training examples in one epoch, balanced as configured (FrogData's
/// `ClassBalancer`), cut or repeated to `train.steps_per_epoch` batches when that is set.
enum EpochOrder {
    static func indices(
        classIndices: [Int], classCount: Int, balance: RunConfig.BalanceSection, background: Set<Int> = [],
        wanted: Int?, generator: inout SeededRNG
    ) -> [Int] {
        func onePass() -> [Int] {
            switch balance.mode {
            case .oversample where balance.backgroundShare > 0:
                return ClassBalancer.oversample(
                    classIndices, classCount: classCount, background: background, backgroundShare: balance.backgroundShare,
                    using: &generator
                ).indices
            case .oversample: return ClassBalancer.oversample(classIndices, classCount: classCount, using: &generator).indices
            case .undersample: return ClassBalancer.undersample(classIndices, classCount: classCount, using: &generator).indices
            case .none, .class_weights: return Array(classIndices.indices).shuffled(using: &generator)
            }
        }
        var order = onePass()
        guard let wanted, !order.isEmpty else { return order }
        while order.count < wanted { order += onePass() }
        return Array(order.prefix(wanted))
    }

    /// Per-class loss weights `n / (classes × n_c)` for `balance: class_weights` (nil otherwise);
    /// a class without training windows gets weight 0.
    static func classWeights(classIndices: [Int], classCount: Int, balance: RunConfig.BalanceSection.Mode) -> [Float]? {
        guard balance == .class_weights, !classIndices.isEmpty else { return nil }
        return ClassBalancer.classWeights(ClassBalancer.counts(classIndices, classCount: classCount))
    }
}
