/// Yields batches with near-equal numbers of each class: every batch takes
/// `batchSize / classes` examples of each present class (the remainder going to classes in
/// turn), cycling through each class's examples in a fresh shuffled order, so rare classes
/// repeat within an epoch and common ones are seen in full over several epochs.
public struct BalancedBatchSampler: Sendable {
    public let batchSize: Int
    /// Batches per epoch; by default enough to cover the examples once on average.
    public let batchesPerEpoch: Int
    private let byClass: [[Int]]

    /// - Parameters:
    ///   - classIndices: the class of each example.
    ///   - batchesPerEpoch: nil means `ceil(examples / batchSize)`.
    public init(classIndices: [Int], classCount: Int, batchSize: Int, batchesPerEpoch: Int? = nil) {
        precondition(batchSize > 0, "batchSize must be positive")
        self.batchSize = batchSize
        byClass = ClassBalancer.members(classIndices, classCount: classCount).filter { !$0.isEmpty }
        self.batchesPerEpoch = batchesPerEpoch ?? (classIndices.count + batchSize - 1) / batchSize
    }

    /// One epoch of batches of example indices.
    public func epoch<R: RandomNumberGenerator>(using random: inout R) -> [[Int]] {
        guard !byClass.isEmpty else { return [] }
        var queues = byClass.map { $0.shuffled(using: &random) }
        var positions = Array(repeating: 0, count: byClass.count)
        var classOrder = Array(byClass.indices)
        var batches: [[Int]] = []
        for _ in 0..<batchesPerEpoch {
            // Which classes get the extra examples rotates randomly between batches.
            classOrder.shuffle(using: &random)
            var batch: [Int] = []
            for (rank, c) in classOrder.enumerated() {
                let take = batchSize / byClass.count + (rank < batchSize % byClass.count ? 1 : 0)
                for _ in 0..<take {
                    if positions[c] == queues[c].count {
                        queues[c].shuffle(using: &random)
                        positions[c] = 0
                    }
                    batch.append(queues[c][positions[c]])
                    positions[c] += 1
                }
            }
            batch.shuffle(using: &random)
            batches.append(batch)
        }
        return batches
    }
}
