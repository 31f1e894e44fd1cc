import FrogNN

/// Neural-network workloads: the reference CNN of DESIGN.md on random data (float32), training
/// with softmax cross-entropy + Adam 1e-3 at batch 32, and evaluation-mode inference at batch 64.
extension BenchRegistry {
    static var neuralNetwork: [BenchWorkload] {
        [
            BenchWorkload(
                name: "cnn-train", unit: "samples/s",
                summary: "reference CNN (1x64x128, 4 conv blocks) training, batch 32, Adam",
                run: { try NNBench.cnnTrain(threads: $0) },
                profiled: { threads in try NNBench.profiled(batchSize: 32) { try NNBench.cnnTrain(threads: threads, profile: $0) } }),
            BenchWorkload(
                name: "cnn-infer", unit: "samples/s",
                summary: "reference CNN inference, batch 64",
                run: { try NNBench.cnnInfer(threads: $0) },
                profiled: { threads in try NNBench.profiled(batchSize: 64) { try NNBench.cnnInfer(threads: threads, profile: $0) } }),
            BenchWorkload(
                name: "crnn-train", unit: "samples/s",
                summary: "reference CRNN (3 conv blocks, (2,1) pools, BiGRU 64, per-frame Dense 5) training, batch 32, BCE, Adam",
                run: { try NNBench.crnnTrain(threads: $0) },
                profiled: { threads in try NNBench.profiled(batchSize: 32) { try NNBench.crnnTrain(threads: threads, profile: $0) } }),
            BenchWorkload(
                name: "crnn-infer", unit: "samples/s",
                summary: "reference CRNN inference, batch 64",
                run: { try NNBench.crnnInfer(threads: $0) },
                profiled: { threads in try NNBench.profiled(batchSize: 64) { try NNBench.crnnInfer(threads: threads, profile: $0) } }),
        ]
    }
}

/// The measurement loops behind the NN workloads.
enum NNBench {
    /// Runs `measure` with a fresh profile and returns its value and the profile's stages.
    static func profiled(batchSize: Int, _ measure: (StageProfile) throws -> Double) rethrows -> BenchProfile {
        let profile = StageProfile()
        let value = try measure(profile)
        return BenchProfile(value: value, batchSize: batchSize, stages: profile.entries)
    }

    /// Threads split samples inside each layer; BLAS stays single-threaded, because per-sample
    /// GEMMs split across cores lose to whole samples per core (measured: see README).
    static func configure(_ model: Sequential, threads: Int) {
        Threads.setBLASThreads(1)
        model.threadCount = threads
    }

    static func randomBatch(count: Int, shape: [Int], generator: inout SeededRNG) -> Tensor {
        let size = count * shape.reduce(1, *)
        return Tensor(shape: [count] + shape, data: (0..<size).map { _ in generator.normal() })
    }

    static func cnnTrain(threads: Int, profile: StageProfile? = nil) throws -> Double {
        let spec = ModelSpec.referenceCNN()
        let model = try ModelBuilder.build(spec, seed: 42)
        configure(model, threads: threads)
        let optimizer = Adam(parameters: model.namedParameters, learningRate: 1e-3)
        let loss = SoftmaxCrossEntropy()
        var generator = SeededRNG(seed: 7)
        let batches = (0..<4).map { _ in randomBatch(count: 32, shape: spec.input, generator: &generator) }
        let labels = (0..<4).map { _ in (0..<32).map { _ in Int(generator.next() % 5) } }
        var step = 0
        func trainBatch() {
            let b = step % batches.count
            step += 1
            model.zeroGradients()
            let logits = model.forward(batches[b], training: true)
            let (_, gradient) = loss.compute(logits: logits, targets: labels[b])
            _ = model.backward(gradient)
            optimizer.step()
        }
        let batchesPerRepeat = 8
        let seconds = Stopwatch.medianSeconds(repeats: 3, afterWarmUp: { model.profile = profile }) {
            for _ in 0..<batchesPerRepeat { trainBatch() }
        }
        return Double(batchesPerRepeat * 32) / seconds
    }

    static func cnnInfer(threads: Int, profile: StageProfile? = nil) throws -> Double {
        try inference(ModelSpec.referenceCNN(), threads: threads, seed: 8, batchesPerRepeat: 8, profile: profile)
    }

    /// Eval-mode samples/s of `spec` at batch 64 (median of 3 repeats).
    private static func inference(
        _ spec: ModelSpec, threads: Int, seed: UInt64, batchesPerRepeat: Int, profile: StageProfile? = nil
    ) throws -> Double {
        let model = try ModelBuilder.build(spec, seed: 42)
        configure(model, threads: threads)
        var generator = SeededRNG(seed: seed)
        let batch = randomBatch(count: 64, shape: spec.input, generator: &generator)
        let seconds = Stopwatch.medianSeconds(repeats: 3, afterWarmUp: { model.profile = profile }) {
            for _ in 0..<batchesPerRepeat { _ = model.forward(batch, training: false) }
        }
        return Double(batchesPerRepeat * 64) / seconds
    }

    /// CRNN training as in nn_torch.py: per-frame multi-label targets (20 % positive), sigmoid
    /// binary cross-entropy, Adam 1e-3, batch 32.
    static func crnnTrain(threads: Int, profile: StageProfile? = nil) throws -> Double {
        let spec = ModelSpec.referenceCRNN()
        let model = try ModelBuilder.build(spec, seed: 42)
        configure(model, threads: threads)
        let optimizer = Adam(parameters: model.namedParameters, learningRate: 1e-3)
        let loss = SigmoidBinaryCrossEntropy()
        var generator = SeededRNG(seed: 9)
        let outputShape = [32] + model.outputShape(for: spec.input)
        let batches = (0..<4).map { _ in randomBatch(count: 32, shape: spec.input, generator: &generator) }
        let targets = (0..<4).map { _ in
            Tensor(shape: outputShape, data: (0..<outputShape.reduce(1, *)).map { _ in generator.uniform() < 0.2 ? 1 : 0 })
        }
        var step = 0
        let batchesPerRepeat = 4
        let seconds = Stopwatch.medianSeconds(repeats: 3, afterWarmUp: { model.profile = profile }) {
            for _ in 0..<batchesPerRepeat {
                let b = step % batches.count
                step += 1
                model.zeroGradients()
                let logits = model.forward(batches[b], training: true)
                let (_, gradient) = loss.compute(logits: logits, targets: targets[b])
                _ = model.backward(gradient)
                optimizer.step()
            }
        }
        return Double(batchesPerRepeat * 32) / seconds
    }

    static func crnnInfer(threads: Int, profile: StageProfile? = nil) throws -> Double {
        try inference(ModelSpec.referenceCRNN(), threads: threads, seed: 10, batchesPerRepeat: 4, profile: profile)
    }
}
