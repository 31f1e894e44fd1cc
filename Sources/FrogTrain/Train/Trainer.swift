import Foundation
import FrogConfig
import FrogData
import FrogDSP
import FrogEvaluate
import FrogModel
import FrogNN

/// Trains one model on already-split windows: balanced sampling, augmentation (training only),
/// forward / loss / backward / optimiser step, then per epoch validation, the epoch log line,
/// `metrics.csv`, TensorBoard scalars, reduce-LR-on-plateau, early stopping with best-weights
/// restore and a checkpoint.
///
/// Every random choice of epoch k comes from seeds derived from (config seed, k), and the
/// checkpoint holds weights, optimiser moments and `TrainerState`, so a resumed run continues
/// exactly as an uninterrupted one would; at one thread the same config gives identical
/// numbers.
public final class Trainer {
    /// What training produced.
    public struct Result {
        /// The best epoch's network, ready to score windows.
        public var network: Sequential
        public var records: [EpochRecord]
        /// The epoch whose weights were kept (by the early-stopping metric).
        public var bestEpoch: Int
        public var stoppedEarly: Bool
    }

    public let config: RunConfig
    /// The data being trained on; pseudo-labelling may relabel training windows.
    public private(set) var data: TrainingData
    public let layout: InputLayout
    public let network: Sequential
    /// Set when fine-tuning (`train.init_from`): the head and what was copied.
    public let fineTune: FineTune?
    let optimizer: Optimizer
    private let augmentation: AugmentPipeline
    /// Per-class loss weights (`balance: class_weights`), nil for unweighted.
    private lazy var classWeights: [Float]? = EpochOrder.classWeights(
        classIndices: data.train.map(\.classIndex), classCount: data.classes.count, balance: config.balance.mode)
    /// True when augmentation blends targets (mixup), so the softmax loss needs soft targets.
    private var usesSoftTargets: Bool { augmentation.steps.contains { $0.name == .mixup } }
    private let log: (String) -> Void
    var state: TrainerState
    var bestWeights: [NamedTensor] = []
    /// The moving average of the weights (`train.ema_decay`), which is what gets validated,
    /// kept as best and saved; nil when off.
    var average: WeightAverage?
    /// The run folder's name, recorded in saved models.
    private var runName = ""

    /// Builds the network for `data` (its window shape and classes) from `config`.
    public init(config: RunConfig, data: TrainingData, log: @escaping (String) -> Void = { print($0) }) throws {
        guard let first = data.train.first?.features else {
            throw DataError.noTrainingWindows(recordings: config.data.recordings, labels: config.data.labels)
        }
        guard !data.validation.isEmpty else {
            throw DataError.noValidationWindows(recordings: config.data.recordings, labels: config.data.labels)
        }
        self.config = config
        self.data = data
        self.log = log
        // Training windows may be wider than the network's (context for the time crop).
        let frames = data.validation[0].features.frames
        layout = InputLayout(
            arrangement: config.model.family == .birnn ? .sequence : .image,
            normalization: config.clips.normalization, bins: first.bins, frames: frames,
            floorDB: config.clips.floorDB > 0 ? Float(config.clips.floorDB) : nil)
        network = try ModelFactory.network(
            config: config.model, inputShape: layout.sampleShape, classCount: data.classes.count,
            seed: UInt64(config.seed))
        if config.train.initFrom.isEmpty {
            fineTune = nil
        } else {
            let initModel = try InitModel.load(config.train.initFrom)
            // The run's config must already use the init model's features and window
            // (`InitModel.adopting`); this names any key that does not.
            _ = try initModel.adopting(
                config, givenKeys: ["features", "clips.seconds", "clips.normalization", "clips.floor_db"])
            fineTune = try FineTune(network: network, classes: data.classes, from: initModel)
            log(fineTune!.reportTable)
        }
        network.threadCount = config.train.threads == 0
            ? ProcessInfo.processInfo.activeProcessorCount : config.train.threads
        optimizer = Self.makeOptimizer(config.train, parameters: network.namedParameters)
        augmentation = config.augment.pipeline(frames: frames, hasBackgrounds: !data.noise.isEmpty)
        if config.train.emaDecay > 0 { average = WeightAverage(model: network, decay: Float(config.train.emaDecay)) }
        let plateau = config.train.reduceLROnPlateau
        state = TrainerState(plateau: ReduceOnPlateau(
            factor: Float(plateau.factor), patience: max(plateau.patience - 1, 0), threshold: 0,
            minimumRate: Float(plateau.minLearningRate)))
    }

    /// Trains until `train.epochs` or early stopping. With `checkpointPath`, saves a checkpoint
    /// after every epoch and, if `resume`, first continues from the one there. With `folder`,
    /// appends to its `metrics.csv` and TensorBoard file.
    public func run(folder: RunFolder? = nil, resume: Bool = false) throws -> Result {
        runName = folder?.name ?? ""
        if resume, let folder {
            try restore(from: folder.checkpointPath, bestModelPath: folder.modelPath)
            // Rows after the checkpoint (an epoch that finished but was not saved) are dropped.
            let rows = [EpochRecord.csvHeader] + state.records.map(\.csvRow)
            try (rows.joined(separator: "\n") + "\n").write(toFile: folder.metricsPath, atomically: true, encoding: .utf8)
        }
        let events = try folder.map { try TFEventsWriter(directory: $0.path) }
        if let folder, !resume || !FileManager.default.fileExists(atPath: folder.metricsPath) {
            try (EpochRecord.csvHeader + "\n").write(toFile: folder.metricsPath, atomically: true, encoding: .utf8)
        }
        let total = config.train.epochs
        while state.epochsDone < total, !state.stoppedEarly {
            let epoch = state.epochsDone + 1
            let record = try runEpoch(epoch)
            state.records.append(record)
            state.epochsDone = epoch
            log(record.logLine(totalEpochs: total))
            if epoch == config.train.pseudoLabelEpoch { try pseudoLabel() }
            let improved = updateCallbacks(record)
            if let folder {
                if improved { try withEvaluatedWeights { try bundle().save(to: folder.modelPath) } }
                try Self.appendLine(record.csvRow, to: folder.metricsPath)
                try events?.add(step: epoch, scalars: record.scalars)
                try saveCheckpoint(to: folder.checkpointPath)
            }
        }
        if state.stoppedEarly {
            log("early stopping: no \(config.train.earlyStopping.metric.rawValue) improvement for "
                + "\(config.train.earlyStopping.patience) epochs; keeping epoch \(state.bestEpoch)")
        }
        if !bestWeights.isEmpty { try network.loadWeights(from: SafeTensorsFile(weights: bestWeights)) }
        return Result(network: network, records: state.records, bestEpoch: state.bestEpoch, stoppedEarly: state.stoppedEarly)
    }

    /// The network as it stands, packaged with its preprocessing, classes and provenance.
    public func bundle(thresholds: [Float]? = nil) -> ModelBundle {
        let formatter = ISO8601DateFormatter()
        return ModelBundle(
            network: network, layout: layout, head: config.model.head, classes: data.classes,
            featureConfig: config.features, thresholds: thresholds,
            backgroundClasses: Set(config.data.backgroundClasses),
            provenance: ModelBundle.Provenance(
                configFingerprint: config.fingerprint, data: "\(config.data.recordings) + \(config.data.labels)",
                date: formatter.string(from: Date()), frogscanVersion: FrogscanVersion.current, run: runName,
                epoch: state.bestEpoch, initFrom: fineTune?.source))
    }

    // MARK: - Freezing

    /// Whether epoch `epoch` (1-based) trains with the features frozen.
    func featuresFrozen(epoch: Int) -> Bool {
        guard fineTune != nil, config.train.freeze == .features else { return false }
        return config.train.unfreezeAfter == 0 || epoch <= config.train.unfreezeAfter
    }

    /// Freezes or releases the body for `epoch`: frozen, its layers run in inference mode, get
    /// no gradient and the optimiser skips them (scale 0: no decay, no momentum, no step);
    /// released, copied body layers train at `body_learning_rate_scale` and new ones at 1.
    private func applyFreeze(epoch: Int) {
        guard let fineTune else { return }
        let frozen = featuresFrozen(epoch: epoch)
        network.frozenLayerCount = frozen ? fineTune.headStart : 0
        let newBody = fineTune.bodyParameters.subtracting(fineTune.copiedBodyParameters)
        optimizer.setLearningRateScale(frozen ? 0 : 1, forParametersNamed: newBody)
        optimizer.setLearningRateScale(
            frozen ? 0 : Float(config.train.bodyLearningRateScale), forParametersNamed: fineTune.copiedBodyParameters)
        let scale = String(format: "%g", config.train.bodyLearningRateScale)
        if frozen, epoch == 1 || !featuresFrozen(epoch: epoch - 1) {
            let until = config.train.unfreezeAfter == 0 ? "for the whole run" : "through epoch \(config.train.unfreezeAfter)"
            log("features frozen (layers 0…\(fineTune.headStart - 1), \(fineTune.bodyParameters.count) trainable tensors) \(until); "
                + "training the head (layers \(fineTune.headStart)…)")
        } else if !frozen, epoch > 1, featuresFrozen(epoch: epoch - 1) {
            log("epoch \(epoch): features unfrozen; copied feature layers train at \(scale) × the learning rate")
        } else if !frozen, epoch == 1, config.train.bodyLearningRateScale != 1 {
            log("copied feature layers train at \(scale) × the learning rate")
        }
    }

    // MARK: - Pseudo-labelling

    /// Scores the training windows of weakly labelled recordings with the weights an epoch is
    /// judged by, and relabels as background those the model gives the background class at
    /// least `train.pseudo_label_score`: a recording's label says its species calls somewhere,
    /// not in every window. Recorded in the trainer state for resumes.
    func pseudoLabel() throws {
        guard let background = data.classes.firstIndex(of: config.clips.backgroundLabel) else { return }
        let candidates = data.train.indices.filter {
            data.train[$0].classIndex != background && data.weakRecordings.contains(data.train[$0].recording)
        }
        var chosen: [Int] = []
        try withEvaluatedWeights {
            for start in stride(from: 0, to: candidates.count, by: config.train.batchSize) {
                let batch = Array(candidates[start..<min(start + config.train.batchSize, candidates.count)])
                let logits = network.forward(try layout.tensor(batch.map { data.train[$0].features }), training: false)
                let rows = Probabilities.rows(logits: logits, head: config.model.head)
                for (index, row) in zip(batch, rows) where Double(row[background]) >= config.train.pseudoLabelScore {
                    chosen.append(index)
                }
            }
        }
        var perClass = [Int](repeating: 0, count: data.classes.count)
        for index in chosen { perClass[data.train[index].classIndex] += 1 }
        applyRelabel(chosen)
        let detail = data.classes.indices.filter { perClass[$0] > 0 }.map { "\(data.classes[$0]) \(perClass[$0])" }
        log("pseudo-labels after epoch \(config.train.pseudoLabelEpoch): \(chosen.count) of \(candidates.count) weakly "
            + "labelled training windows relabelled '\(config.clips.backgroundLabel)'"
            + (detail.isEmpty ? "" : " (" + detail.joined(separator: ", ") + ")"))
    }

    /// Makes `indices` background windows and records them.
    func applyRelabel(_ indices: [Int]) {
        guard let background = data.classes.firstIndex(of: config.clips.backgroundLabel) else { return }
        for index in indices {
            data.train[index].classIndex = background
            data.train[index].targets = data.classes.indices.map { $0 == background ? 1 : 0 }
        }
        state.relabelled = indices
        classWeights = EpochOrder.classWeights(
            classIndices: data.train.map(\.classIndex), classCount: data.classes.count, balance: config.balance.mode)
    }

    // MARK: - One epoch

    private func runEpoch(_ epoch: Int) throws -> EpochRecord {
        let start = Date()
        applyFreeze(epoch: epoch)
        let scheduled = scheduledRate(epoch: epoch - 1)
        let rate = scheduled * state.plateauScale
        optimizer.learningRate = Float(rate)
        let (order, epochGenerator) = epochOrder(epoch)
        var generator = epochGenerator
        let batchSize = config.train.batchSize
        let batches = stride(from: 0, to: order.count, by: batchSize).map {
            Array(order[$0..<min($0 + batchSize, order.count)])
        }
        let progress = ProgressBar(total: batches.count, label: "epoch \(epoch)")
        var lossSum = 0.0
        var correct = 0
        var seen = 0
        for (index, batch) in batches.enumerated() {
            let examples = try augmentation.apply(
                batch: batch.map { cropped(data.train[$0], using: &generator) }, training: true, backgrounds: data.noise,
                using: &generator)
            let input = try layout.tensor(examples.map(\.features))
            optimizer.zeroGradients()
            let logits = network.forward(input, training: true)
            let (loss, gradient) = lossAndGradient(logits: logits, examples: examples, weighted: true)
            _ = network.backward(gradient)
            if config.train.gradientClip > 0 {
                _ = clipGradients(network.parameters, globalNorm: Float(config.train.gradientClip))
            }
            optimizer.step()
            average?.update(from: network)
            lossSum += Double(loss) * Double(batch.count)
            correct += countCorrect(logits: logits, examples: examples)
            seen += batch.count
            progress.update(done: index + 1, loss: lossSum / Double(seen), accuracy: Double(correct) / Double(seen))
        }
        progress.finish()
        let validation = try withEvaluatedWeights { try evaluate(data.validation) }
        return EpochRecord(
            epoch: epoch, loss: lossSum / Double(max(seen, 1)), accuracy: Double(correct) / Double(max(seen, 1)),
            validationLoss: validation.loss, validationAccuracy: validation.accuracy,
            validationMacroF1: validation.macroF1, learningRate: rate, seconds: Date().timeIntervalSince(start))
    }

    /// Training windows per class before balancing and the draws of epoch 1 after it (the
    /// same draws the epoch makes), one line per class; with `class_weights`, the loss weights.
    public func balanceReport() -> String {
        let classIndices = data.train.map(\.classIndex)
        let order = epochOrder(1).order
        let before = ClassBalancer.counts(classIndices, classCount: data.classes.count)
        let after = ClassBalancer.counts(order.map { classIndices[$0] }, classCount: data.classes.count)
        let width = data.classes.map(\.count).max() ?? 0
        var lines = ["class balance (\(config.balance.mode.rawValue)): training windows → draws per epoch"]
        for (c, name) in data.classes.enumerated() {
            var line = "  \(name.padding(toLength: width, withPad: " ", startingAt: 0))  \(before[c]) → \(after[c])"
            if let classWeights { line += String(format: "  (loss weight %.3f)", classWeights[c]) }
            lines.append(line)
        }
        let present = before.filter { $0 > 0 }
        if let most = present.max(), let least = present.min() {
            lines.append(String(format: "  imbalance (largest / smallest class) %.1f before, ", Double(most) / Double(least))
                + (after.filter { $0 > 0 }.min().map { String(format: "%.1f after", Double(after.max()!) / Double($0)) } ?? "-"))
        }
        return lines.joined(separator: "\n")
    }

    /// Indices of the classes that mean "no call" (`data.background_classes`).
    private var backgroundClassIndices: Set<Int> {
        Set(data.classes.indices.filter { config.data.backgroundClasses.contains(data.classes[$0]) })
    }

    /// Epoch `epoch`'s generator (seeded by run seed and epoch, so a resumed run draws alike)
    /// after it has drawn the epoch's balanced order of training windows, and that order.
    private func epochOrder(_ epoch: Int) -> (order: [Int], generator: SeededRNG) {
        var generator = SeededRNG(seed: EpochSeed.seed(run: config.seed, epoch: epoch, stream: 0))
        let order = EpochOrder.indices(
            classIndices: data.train.map(\.classIndex), classCount: data.classes.count, balance: config.balance,
            background: backgroundClassIndices,
            wanted: config.train.stepsPerEpoch > 0 ? config.train.stepsPerEpoch * config.train.batchSize : nil,
            generator: &generator)
        return (order, generator)
    }

    /// A network-wide stretch at a random offset of a training window cut wider than the
    /// network's input (`augment.time_crop`); other windows unchanged, with no draw.
    private func cropped(_ example: Example, using generator: inout SeededRNG) -> Example {
        let extra = example.features.frames - layout.frames
        guard extra > 0 else { return example }
        var result = example
        let offset = Int.random(in: 0...extra, using: &generator)
        result.features = example.features.frames(offset..<(offset + layout.frames))
        return result
    }

    /// Runs `body` with the weights an epoch is judged by loaded: the moving average when
    /// `train.ema_decay` is set, else the current ones.
    private func withEvaluatedWeights<T>(_ body: () throws -> T) throws -> T {
        guard let average else { return try body() }
        return try average.withAveragedWeights(in: network, body)
    }

    /// Loss, window accuracy and window macro-F1 of the current weights (eval mode).
    func evaluate(_ windows: [Example]) throws -> (loss: Double, accuracy: Double, macroF1: Double) {
        var lossSum = 0.0
        var scores: [[Float]] = []
        for start in stride(from: 0, to: windows.count, by: config.train.batchSize) {
            let batch = Array(windows[start..<min(start + config.train.batchSize, windows.count)])
            let logits = network.forward(try layout.tensor(batch.map(\.features)), training: false)
            lossSum += Double(lossAndGradient(logits: logits, examples: batch).loss) * Double(batch.count)
            scores += Probabilities.rows(logits: logits, head: config.model.head)
        }
        let metrics = ClassificationMetrics(
            classCount: data.classes.count, truth: windows.map(\.classIndex), scores: scores,
            background: backgroundClassIndices)
        return (lossSum / Double(max(windows.count, 1)), metrics.accuracy, metrics.macro.f1)
    }

    /// The training loss (class-weighted when configured, `weighted`) and its gradient; the
    /// validation loss is unweighted, as in Keras, so it stays comparable across settings.
    private func lossAndGradient(logits: Tensor, examples: [Example], weighted: Bool = false) -> (loss: Float, gradLogits: Tensor) {
        let weights = weighted ? classWeights : nil
        switch config.model.head {
        case .softmax where usesSoftTargets:
            // Mixup blends targets: cross-entropy against each example's target distribution
            // (multi-hot weak labels spread evenly).
            let classes = logits.shape[1]
            var probabilities = [Float](repeating: 0, count: examples.count * classes)
            for (n, example) in examples.enumerated() {
                let total = example.targets.reduce(0, +)
                for c in 0..<classes {
                    probabilities[n * classes + c] = total > 0 ? example.targets[c] / total : (c == example.classIndex ? 1 : 0)
                }
            }
            return SoftmaxCrossEntropy(classWeights: weights, labelSmoothing: Float(config.train.labelSmoothing)).compute(
                logits: logits, targetProbabilities: Tensor(shape: logits.shape, data: probabilities))
        case .softmax:
            return SoftmaxCrossEntropy(classWeights: weights, labelSmoothing: Float(config.train.labelSmoothing))
                .compute(logits: logits, targets: examples.map(\.classIndex))
        case .sigmoid:
            let targets = Tensor(shape: logits.shape, data: examples.flatMap(\.targets))
            // Multi-label: the class weight scales that class's positive term.
            return SigmoidBinaryCrossEntropy(positiveWeights: weights).compute(logits: logits, targets: targets)
        }
    }

    private func countCorrect(logits: Tensor, examples: [Example]) -> Int {
        let classes = data.classes.count
        var correct = 0
        for (n, example) in examples.enumerated() {
            let row = Array(logits.data[n * classes..<(n + 1) * classes])
            if ClassificationMetrics.argmax(row) == example.classIndex { correct += 1 }
        }
        return correct
    }

    // MARK: - Callbacks

    /// Early stopping, best-weights bookkeeping and reduce-on-plateau after an epoch.
    /// Returns whether the watched metric improved (the best weights were replaced).
    private func updateCallbacks(_ record: EpochRecord) -> Bool {
        let metric = config.train.earlyStopping.metric
        let value = record.value(of: metric)
        // Before start_epoch nothing can be kept and patience does not count.
        let watched = record.epoch >= config.train.earlyStopping.startEpoch
        let improved = watched && (state.bestMetric.map { metric.higherIsBetter ? value > $0 : value < $0 } ?? true)
        if improved {
            state.bestMetric = value
            state.bestEpoch = record.epoch
            state.epochsWithoutImprovement = 0
            bestWeights = average?.tensors ?? network.namedTensors
        } else if watched {
            state.epochsWithoutImprovement += 1
        }
        if config.train.reduceLROnPlateau.patience > 0 {
            // ReduceOnPlateau minimises; negate metrics where larger is better.
            let current = Float(record.learningRate)
            let next = state.plateau.update(metric: Float(metric.higherIsBetter ? -value : value), currentRate: current)
            if next < current {
                state.plateauScale *= Double(next / current)
                log("reduce_lr_on_plateau: learning rate \(String(format: "%.3g", Double(next)))")
            }
        }
        let patience = config.train.earlyStopping.patience
        if patience > 0, state.epochsWithoutImprovement >= patience { state.stoppedEarly = true }
        return improved
    }

    /// The schedule's rate for a 0-based epoch, with linear warm-up.
    private func scheduledRate(epoch: Int) -> Double {
        let train = config.train
        let base = Float(train.learningRate)
        let schedule: LearningRateSchedule
        switch train.schedule {
        case .constant: schedule = .constant
        case .step: schedule = .step(stepSize: train.stepEpochs, gamma: Float(train.gamma))
        case .cosine: schedule = .cosine(totalEpochs: max(train.epochs - train.warmupEpochs, 1), minimum: 0)
        }
        if epoch < train.warmupEpochs { return Double(base) * Double(epoch + 1) / Double(train.warmupEpochs + 1) }
        return Double(schedule.rate(epoch: epoch - train.warmupEpochs, baseRate: base))
    }

    private static func makeOptimizer(_ train: RunConfig.TrainSection, parameters: [NamedParameter]) -> Optimizer {
        let rate = Float(train.learningRate)
        let decay = Float(train.weightDecay)
        switch train.optimizer {
        case .adam: return Adam(parameters: parameters, learningRate: rate, weightDecay: decay)
        case .adamw: return Adam.adamW(parameters: parameters, learningRate: rate, weightDecay: decay)
        case .sgd: return SGD(parameters: parameters, learningRate: rate, momentum: Float(train.momentum), weightDecay: decay)
        case .rmsprop: return RMSprop(parameters: parameters, learningRate: rate, weightDecay: decay)
        }
    }

    /// Appends `line` to `path` (a run's metrics.csv), which must exist: it is written when
    /// the run starts, so a missing one means the run folder was moved or deleted meanwhile.
    static func appendLine(_ line: String, to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path)
                ? "it is not writable" : "it is gone (was the run folder moved or deleted?)"
            throw DataError.cannotAppend(path: path, reason: reason)
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((line + "\n").utf8))
        } catch {
            throw DataError.cannotAppend(path: path, reason: error.localizedDescription)
        }
    }
}
