import FrogData
import FrogNN

/// The order of training examples in one epoch, balanced as configured (FrogData's
/// `ClassBalancer`), cut or repeated to `train.steps_per_epoch` batches when that is set.
enum EpochOrder {
    static func indices(
        classIndices: [Int], classCount: Int, balance: RunConfig.BalanceSection.Mode, wanted: Int?,
        generator: inout SeededRNG
    ) -> [Int] {
        func onePass() -> [Int] {
            switch balance {
            case .oversample: return ClassBalancer.oversample(classIndices, classCount: classCount, using: &generator).indices
            case .undersample: return ClassBalancer.undersample(classIndices, classCount: classCount, using: &generator).indices
            case .none: return Array(classIndices.indices).shuffled(using: &generator)
            }
        }
        var order = onePass()
        guard let wanted, !order.isEmpty else { return order }
        while order.count < wanted { order += onePass() }
        return Array(order.prefix(wanted))
    }
}
