extension RunConfig {
    /// The optimisation loop: epochs, batches, optimiser, schedule and callbacks.
    public struct TrainSection: Equatable, Sendable, Codable {
        public enum Optimizer: String, Codable, Sendable, CaseIterable { case adam, adamw, sgd, rmsprop }
        /// Learning-rate schedule over epochs (on top of reduce-on-plateau).
        public enum Schedule: String, Codable, Sendable, CaseIterable {
            case constant, cosine, step
        }
        /// A validation metric to watch; loss is minimised, the others maximised.
        public enum Metric: String, Codable, Sendable, CaseIterable {
            case val_loss, val_acc, val_macro_f1

            /// Whether a larger value is better.
            public var higherIsBetter: Bool { self != .val_loss }
        }

        /// Stop when the watched metric has not improved for `patience` epochs, and restore
        /// the best epoch's weights.
        public struct EarlyStopping: Equatable, Sendable, Codable {
            public var metric = Metric.val_macro_f1
            /// Epochs without improvement before stopping; 0 turns early stopping off.
            public var patience = 10
            /// The first epoch that may be kept as the best (Keras' `start_from_epoch`, 1-based):
            /// on a small validation split an undertrained early epoch can score best by
            /// chance, and its scores never reach a high threshold. 1 = any epoch.
            public var startEpoch = 1
            public init() {}
            enum CodingKeys: String, CodingKey, CaseIterable {
                case metric, patience
                case startEpoch = "start_epoch"
            }
            public init(from decoder: Decoder) throws {
                try decoder.rejectUnknownKeys(CodingKeys.self)
                let c = try decoder.container(keyedBy: CodingKeys.self)
                metric = try c.choice(.metric, default: metric)
                patience = try c.value(.patience, default: patience)
                startEpoch = try c.value(.startEpoch, default: startEpoch)
            }
        }

        /// Multiply the learning rate by `factor` when the early-stopping metric has not
        /// improved for `patience` epochs.
        public struct ReduceOnPlateau: Equatable, Sendable, Codable {
            /// Epochs without improvement before reducing; 0 turns it off.
            public var patience = 4
            public var factor = 0.5
            public var minLearningRate = 1e-5
            public init() {}
            enum CodingKeys: String, CodingKey, CaseIterable {
                case patience, factor
                case minLearningRate = "min_learning_rate"
            }
            public init(from decoder: Decoder) throws {
                try decoder.rejectUnknownKeys(CodingKeys.self)
                let c = try decoder.container(keyedBy: CodingKeys.self)
                patience = try c.value(.patience, default: patience)
                factor = try c.value(.factor, default: factor)
                minLearningRate = try c.value(.minLearningRate, default: minLearningRate)
            }
        }

        public var epochs = 30
        public var batchSize = 32
        public var optimizer = Optimizer.adam
        public var learningRate = 1e-3
        public var weightDecay = 0.0
        /// SGD momentum (ignored by the Adam family).
        public var momentum = 0.9
        public var schedule = Schedule.constant
        /// Epochs of linear warm-up from 0 before the schedule starts.
        public var warmupEpochs = 0
        /// For `schedule: step`: multiply by `gamma` every `step_epochs` epochs.
        public var stepEpochs = 10
        public var gamma = 0.1
        /// Clip the global gradient norm to this (0 = off).
        public var gradientClip = 0.0
        /// Soft targets for softmax heads (0 = off).
        public var labelSmoothing = 0.0
        /// Evaluate, keep and save an exponential moving average of the weights with this decay
        /// per step (e.g. 0.99; 0 = off, the last step's weights).
        public var emaDecay = 0.0
        /// Batches per epoch; 0 means one pass over the (balanced) training windows.
        public var stepsPerEpoch = 0
        /// Pseudo-labelling of weak labels: after this epoch (0 = off) the model scores the
        /// training windows of weakly labelled recordings, and those it gives the background
        /// class at least `pseudo_label_score` become background windows for the rest of the
        /// run (the call-free stretches of a recording labelled as a whole).
        public var pseudoLabelEpoch = 0
        public var pseudoLabelScore = 0.8
        public var earlyStopping = EarlyStopping()
        public var reduceLROnPlateau = ReduceOnPlateau()
        /// Fine-tuning: a model to start from (a model file, a run folder or one fold run of a
        /// `--folds` folder; "" = train from scratch). Every tensor whose name and shape match
        /// is copied; its features and input window are used (`InitModel`).
        public var initFrom = ""
        /// What stays fixed while fine-tuning: `none`, or `features` (every layer before the
        /// head: the head is the dense layers, with their dropout and activations, after the
        /// global / sequence pooling).
        public var freeze = Freeze.none
        /// With `freeze: features`, the epochs the features stay frozen; 0 = never unfreeze.
        public var unfreezeAfter = 0
        /// Learning-rate multiplier for the copied feature layers once they train (after
        /// `unfreeze_after`, or from the start without freezing); the head always takes the
        /// full rate.
        public var bodyLearningRateScale = 1.0
        /// Worker threads (OpenBLAS and task groups), applied once at start; 0 = all cores.
        public var threads = 1
        /// Models per run: N > 1 trains seeds `seed … seed + N − 1` on one split and scores them
        /// as one ensemble, its thresholds chosen on the ensemble's own validation scores
        /// (`SeedEnsemble`); 1 = a single model.
        public var seeds = 1

        /// Which layers `train.freeze` holds fixed.
        public enum Freeze: String, Codable, Sendable, CaseIterable { case none, features }

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable {
            case epochs, optimizer, momentum, schedule, gamma, threads, freeze, seeds
            case initFrom = "init_from", unfreezeAfter = "unfreeze_after"
            case bodyLearningRateScale = "body_learning_rate_scale"
            case batchSize = "batch_size", learningRate = "learning_rate"
            case weightDecay = "weight_decay", warmupEpochs = "warmup_epochs"
            case stepEpochs = "step_epochs", gradientClip = "gradient_clip"
            case labelSmoothing = "label_smoothing", stepsPerEpoch = "steps_per_epoch", emaDecay = "ema_decay"
            case pseudoLabelEpoch = "pseudo_label_epoch", pseudoLabelScore = "pseudo_label_score"
            case earlyStopping = "early_stopping", reduceLROnPlateau = "reduce_lr_on_plateau"
        }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            epochs = try c.value(.epochs, default: epochs)
            batchSize = try c.value(.batchSize, default: batchSize)
            optimizer = try c.choice(.optimizer, default: optimizer)
            learningRate = try c.value(.learningRate, default: learningRate)
            weightDecay = try c.value(.weightDecay, default: weightDecay)
            momentum = try c.value(.momentum, default: momentum)
            schedule = try c.choice(.schedule, default: schedule)
            warmupEpochs = try c.value(.warmupEpochs, default: warmupEpochs)
            stepEpochs = try c.value(.stepEpochs, default: stepEpochs)
            gamma = try c.value(.gamma, default: gamma)
            gradientClip = try c.value(.gradientClip, default: gradientClip)
            labelSmoothing = try c.value(.labelSmoothing, default: labelSmoothing)
            emaDecay = try c.value(.emaDecay, default: emaDecay)
            stepsPerEpoch = try c.value(.stepsPerEpoch, default: stepsPerEpoch)
            pseudoLabelEpoch = try c.value(.pseudoLabelEpoch, default: pseudoLabelEpoch)
            pseudoLabelScore = try c.value(.pseudoLabelScore, default: pseudoLabelScore)
            earlyStopping = try c.value(.earlyStopping, default: earlyStopping)
            reduceLROnPlateau = try c.value(.reduceLROnPlateau, default: reduceLROnPlateau)
            initFrom = try c.value(.initFrom, default: initFrom)
            freeze = try c.choice(.freeze, default: freeze)
            unfreezeAfter = try c.value(.unfreezeAfter, default: unfreezeAfter)
            bodyLearningRateScale = try c.value(.bodyLearningRateScale, default: bodyLearningRateScale)
            threads = try c.value(.threads, default: threads)
            seeds = try c.value(.seeds, default: seeds)
        }
    }

    /// How trained models are scored and their thresholds chosen.
    public struct EvaluateSection: Equatable, Sendable, Codable {
        /// How window scores become one score per recording.
        public enum Pooling: String, Codable, Sendable, CaseIterable { case mean, max }
        /// How per-species thresholds are picked on validation.
        public enum ThresholdMode: String, Codable, Sendable, CaseIterable {
            /// Best window-level F1 on the validation windows.
            case max_f1
            /// Lowest threshold whose validation window precision reaches `target_precision`.
            case target_precision
            /// Lowest threshold that keeps the species' false detections on the frog-free
            /// validation audio (`data.validation_negatives`) within `max_false_per_hour`,
            /// never below the max-F1 threshold.
            case false_positive_budget
        }

        public var pooling = Pooling.mean
        public var threshold = ThresholdMode.max_f1
        /// Wanted precision for `threshold: target_precision`.
        public var targetPrecision = 0.9
        /// The budget of `threshold: false_positive_budget`: false detections per hour of
        /// frog-free audio, per species.
        public var maxFalsePerHour = 20.0
        /// The decision rule's minimum positive windows per detection (stored in the model;
        /// `detect --min-windows` overrides it).
        public var minWindows = 1
        /// No species threshold is chosen below this, whatever the mode (0 = no floor): a
        /// small validation set can put a max-F1 threshold far too low.
        public var minThreshold = 0.0

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable {
            case pooling, threshold
            case targetPrecision = "target_precision", maxFalsePerHour = "max_false_per_hour", minWindows = "min_windows"
            case minThreshold = "min_threshold"
        }

        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            pooling = try c.choice(.pooling, default: pooling)
            threshold = try c.choice(.threshold, default: threshold)
            targetPrecision = try c.value(.targetPrecision, default: targetPrecision)
            maxFalsePerHour = try c.value(.maxFalsePerHour, default: maxFalsePerHour)
            minWindows = try c.value(.minWindows, default: minWindows)
            minThreshold = try c.value(.minThreshold, default: minThreshold)
        }
    }
}
