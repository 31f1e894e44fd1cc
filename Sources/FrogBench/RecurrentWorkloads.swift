import FrogNN

/// The reference BiRNN of DESIGN.md, as in `../shared/peers/nn_torch.py`: 128 steps × 64
/// features → bidirectional LSTM or GRU, 64 per direction → mean over time → Dense 5; softmax
/// cross-entropy, Adam 1e-3; training batches of 32, inference batches of 64; random data with
/// a fixed seed.
enum RecurrentBenchmark {
    static let steps = 128, features = 64, hidden = 64, classes = 5
    static let trainBatch = 32, inferBatch = 64
    /// Batches per timed training epoch and forward passes per timed inference run.
    static let trainBatches = 10, inferBatches = 5

    /// The model, built through the same spec path the configs use.
    static func model(cell: RecurrentCell, threads: Int) throws -> Sequential {
        let spec = ModelSpec(
            input: [steps, features],
            layers: [.bidirectional(cell: cell, units: hidden), .sequencePool(mode: .mean), .dense(units: classes)],
            initializer: "pytorch")
        let model = try ModelBuilder.build(spec, seed: 1234)
        // Threads go to the two directions, one whole recurrence each; OpenBLAS stays at one
        // thread so the tiny per-step GEMMs are not split (that made PyTorch's BiGRU slower).
        Threads.setBLASThreads(1)
        model.threadCount = threads
        return model
    }

    static func randomBatch(_ batch: Int, rng: inout SeededRNG) -> Tensor {
        let count = batch * steps * features
        return Tensor(shape: [batch, steps, features], data: (0..<count).map { _ in rng.normal() })
    }

    /// Training samples/s: median over 3 epochs of `trainBatches` Adam steps, after a warm-up epoch.
    static func trainingRate(cell: RecurrentCell, threads: Int, profile: StageProfile? = nil) throws -> Double {
        let model = try model(cell: cell, threads: threads)
        var rng = SeededRNG(seed: 42)
        let inputs = (0..<trainBatches).map { _ in randomBatch(trainBatch, rng: &rng) }
        let targets = (0..<trainBatches).map { _ in (0..<trainBatch).map { _ in Int(rng.next() % UInt64(classes)) } }
        let loss = SoftmaxCrossEntropy()
        let optimizer = Adam(parameters: model.namedParameters, learningRate: 1e-3)
        let seconds = Stopwatch.medianSeconds(repeats: 3, afterWarmUp: { model.profile = profile }) {
            for i in 0..<trainBatches {
                optimizer.zeroGradients()
                let logits = model.forward(inputs[i], training: true)
                let (_, gradLogits) = loss.compute(logits: logits, targets: targets[i])
                _ = model.backward(gradLogits)
                optimizer.step()
            }
        }
        return Double(trainBatches * trainBatch) / seconds
    }

    /// Inference samples/s (eval mode, batches of 64): median over 5 runs of `inferBatches`.
    static func inferenceRate(cell: RecurrentCell, threads: Int) throws -> Double {
        let model = try model(cell: cell, threads: threads)
        var rng = SeededRNG(seed: 43)
        let input = randomBatch(inferBatch, rng: &rng)
        let seconds = Stopwatch.medianSeconds(repeats: 5) {
            for _ in 0..<inferBatches { _ = model.forward(input, training: false) }
        }
        return Double(inferBatches * inferBatch) / seconds
    }
}

extension BenchRegistry {
    /// BiLSTM and BiGRU training and inference (samples/s).
    static var recurrentWorkloads: [BenchWorkload] {
        [
            BenchWorkload(
                name: "bilstm-train", unit: "samples/s",
                summary: "BiLSTM 128x64 -> 2x64 -> mean -> Dense 5, Adam, batch 32: training samples/s",
                run: { try RecurrentBenchmark.trainingRate(cell: .lstm, threads: $0) },
                profiled: { threads in
                    try NNBench.profiled(batchSize: RecurrentBenchmark.trainBatch) { try RecurrentBenchmark.trainingRate(cell: .lstm, threads: threads, profile: $0) }
                }),
            BenchWorkload(
                name: "bilstm-infer", unit: "samples/s",
                summary: "BiLSTM reference model, eval mode, batch 64: inference samples/s",
                run: { try RecurrentBenchmark.inferenceRate(cell: .lstm, threads: $0) }),
            BenchWorkload(
                name: "bigru-train", unit: "samples/s",
                summary: "BiGRU 128x64 -> 2x64 -> mean -> Dense 5, Adam, batch 32: training samples/s",
                run: { try RecurrentBenchmark.trainingRate(cell: .gru, threads: $0) },
                profiled: { threads in
                    try NNBench.profiled(batchSize: RecurrentBenchmark.trainBatch) { try RecurrentBenchmark.trainingRate(cell: .gru, threads: threads, profile: $0) }
                }),
            BenchWorkload(
                name: "bigru-infer", unit: "samples/s",
                summary: "BiGRU reference model, eval mode, batch 64: inference samples/s",
                run: { try RecurrentBenchmark.inferenceRate(cell: .gru, threads: $0) }),
        ]
    }
}
