import FrogDSP

extension RunConfig {
    /// Checks values that decode fine but are out of range or cannot work together, and that
    /// training fits in this machine's available memory; throws the first problem with the key
    /// that holds it.
    public func validate() throws {
        try validate(availableMemory: SystemMemory.availableBytes())
    }

    /// As `validate()`, against `availableMemory` bytes (nil: no memory check).
    func validate(availableMemory: Double?) throws {
        func check(_ condition: Bool, _ path: String, _ message: String) throws {
            if !condition {
                throw ConfigError.invalidValue(path: path, source: "configuration", message: message)
            }
        }
        try check(!name.isEmpty && !name.contains("/"), "name", "must be non-empty, without '/'")
        try check(seed >= 0, "seed", "must be ≥ 0")
        try validateRanges(check)
        try validateClassLists(check)
        try check(
            data.validationFraction > 0 && data.validationFraction < 1, "data.validation_fraction",
            "must be between 0 and 1 (exclusive)")
        try check(
            data.testFraction >= 0 && data.testFraction + data.validationFraction < 1,
            "data.test_fraction", "must be ≥ 0 and leave room for training")
        if let problem = features.issues().first { try check(false, "features.\(problem.key)", problem.message) }
        if let problem = clips.problems().first { try check(false, problem.key, problem.message) }
        try check(
            clips.seconds >= features.secondsPerFrame, "clips.seconds",
            "\(clips.seconds) s is shorter than one feature frame (hop_length / sample_rate = \(features.secondsPerFrame) s)")
        try check(
            data.splitFile.isEmpty || data.splitColumn.isEmpty, "data.split_file",
            "fixes every split itself: leave data.split_column empty (or drop split_file)")
        try check(data.folds == 0 || data.folds >= 2, "data.folds", "must be 0 (off) or at least 2")
        try check(data.folds == 0 || (1...data.folds).contains(data.fold), "data.fold", "must be in 1…data.folds")
        try check(data.folds == 0 || data.splitFile.isEmpty, "data.folds", "cannot be combined with data.split_file, which fixes every split")
        try check(augment.timeShift >= 0 && augment.timeShift < 1, "augment.time_shift", "must be in [0, 1)")
        try check(augment.timeCrop >= 0 && augment.timeCrop <= 1, "augment.time_crop", "must be in [0, 1]")
        try check(augment.timeCrop == 0 || !clips.band, "augment.time_crop",
                  "cannot be combined with clips.band (the band mask is cut with the window)")
        try check(augment.frequencyMasks >= 0, "augment.frequency_masks", "must be ≥ 0")
        try check(augment.timeMasks >= 0, "augment.time_masks", "must be ≥ 0")
        try check(
            (0...1).contains(augment.noiseProbability), "augment.noise_probability", "must be in [0, 1]")
        try check(
            augment.noiseSNRDB.count == 2 && augment.noiseSNRDB[0] <= augment.noiseSNRDB[1],
            "augment.noise_snr_db", "must be [low, high]")
        try check(
            augment.noiseProbability == 0 || !augment.noiseFiles.isEmpty, "augment.noise_files",
            "needs at least one file when augment.noise_probability > 0")
        try check((0...1).contains(augment.mixup), "augment.mixup", "must be in [0, 1] (a probability)")
        try check(augment.mixupAlpha > 0, "augment.mixup_alpha", "must be > 0")
        for (index, step) in augment.steps.enumerated() {
            try check(
                !step.name.isNormalization, "augment.steps[\(index)]",
                "\(step.name.rawValue) is normalisation, which detection must replay: use clips.normalization")
            try check(
                step.name != .background || !augment.noiseFiles.isEmpty, "augment.steps[\(index)]",
                "background needs augment.noise_files")
            do { try step.validate() } catch {
                throw ConfigError.invalidValue(path: "augment.steps[\(index)]", source: "configuration", message: "\(error)")
            }
        }
        try check(
            balance.backgroundShare >= 0 && balance.backgroundShare < 1, "balance.background_share", "must be in [0, 1)")
        try check(
            balance.backgroundShare == 0 || balance.mode == .oversample, "balance.background_share",
            "works with balance.mode: oversample only")
        try validateModel(check)
        try check(train.epochs >= 1, "train.epochs", "must be ≥ 1")
        try check(train.batchSize >= 1, "train.batch_size", "must be ≥ 1")
        try check(train.learningRate > 0, "train.learning_rate", "must be > 0")
        try check(train.weightDecay >= 0, "train.weight_decay", "must be ≥ 0")
        try check(train.warmupEpochs >= 0, "train.warmup_epochs", "must be ≥ 0")
        try check(train.stepEpochs >= 1, "train.step_epochs", "must be ≥ 1")
        try check(train.gradientClip >= 0, "train.gradient_clip", "must be ≥ 0 (0 = off)")
        try check(
            train.labelSmoothing >= 0 && train.labelSmoothing < 1, "train.label_smoothing", "must be in [0, 1)")
        try check(train.emaDecay >= 0 && train.emaDecay < 1, "train.ema_decay", "must be in [0, 1) (0 = off)")
        try check(train.stepsPerEpoch >= 0, "train.steps_per_epoch", "must be ≥ 0")
        try check(
            train.freeze == .none || !train.initFrom.isEmpty, "train.freeze",
            "freezes the layers copied from train.init_from; set train.init_from (or --init-from) too")
        try check(train.unfreezeAfter >= 0, "train.unfreeze_after", "must be ≥ 0 (0 = never unfreeze)")
        try check(
            train.bodyLearningRateScale > 0, "train.body_learning_rate_scale",
            "must be > 0 (to keep the features fixed use train.freeze: features with unfreeze_after: 0)")
        try check(train.pseudoLabelEpoch >= 0, "train.pseudo_label_epoch", "must be ≥ 0 (0 = off)")
        try check(
            train.pseudoLabelScore > 0 && train.pseudoLabelScore <= 1, "train.pseudo_label_score", "must be in (0, 1]")
        try check(
            train.pseudoLabelEpoch == 0 || !clips.backgroundLabel.isEmpty, "train.pseudo_label_epoch",
            "relabels windows as clips.background_label, which is empty")
        try check(train.earlyStopping.patience >= 0, "train.early_stopping.patience", "must be ≥ 0")
        try check(
            train.earlyStopping.startEpoch >= 1 && train.earlyStopping.startEpoch <= train.epochs,
            "train.early_stopping.start_epoch", "must be in 1…train.epochs")
        try check(
            train.reduceLROnPlateau.factor > 0 && train.reduceLROnPlateau.factor < 1,
            "train.reduce_lr_on_plateau.factor", "must be in (0, 1)")
        try check(train.threads >= 0, "train.threads", "must be ≥ 0 (0 = all cores)")
        try check(
            evaluate.targetPrecision > 0 && evaluate.targetPrecision <= 1, "evaluate.target_precision",
            "must be in (0, 1]")
        try check(evaluate.maxFalsePerHour >= 0 && evaluate.maxFalsePerHour.isFinite, "evaluate.max_false_per_hour", "must be ≥ 0")
        try check(evaluate.minThreshold >= 0 && evaluate.minThreshold < 1, "evaluate.min_threshold", "must be in [0, 1)")
        try check(evaluate.minWindows >= 1 && evaluate.minWindows <= 100, "evaluate.min_windows", "must be in 1…100")
        try check(
            data.validationNegatives >= 0 && data.validationNegatives < 1, "data.validation_negatives",
            "must be in [0, 1) (a fraction of the negatives files; 0 = all train)")
        let synthetic = data.syntheticNegatives
        try check(synthetic.files >= 0 && synthetic.files <= 1000, "data.synthetic_negatives.files", "must be in 0…1000")
        try check(
            synthetic.seconds > 0 && synthetic.seconds <= 600, "data.synthetic_negatives.seconds", "must be in (0, 600]")
        try check(!synthetic.kinds.isEmpty, "data.synthetic_negatives.kinds", "must name at least one of "
                  + SyntheticNegatives.Kind.allCases.map(\.rawValue).joined(separator: ", "))
        try check(
            evaluate.threshold != .false_positive_budget || data.validationNegatives > 0, "evaluate.threshold",
            "false_positive_budget needs frog-free validation audio: set data.validation_negatives (a fraction of data.negatives) above 0")
        try validateWorkingSet(available: availableMemory)
    }

    private func validateModel(_ check: (Bool, String, String) throws -> Void) throws {
        let usesConv = model.family != .birnn
        let usesRNN = model.family != .cnn
        if usesConv {
            try check(model.convLayers >= 1, "model.conv_layers", "must be ≥ 1 for \(model.family.rawValue)")
            try check(
                !model.filters.isEmpty && model.filters.allSatisfy { $0 >= 1 }, "model.filters",
                "must be a non-empty list of positive counts")
            try check(
                !model.kernelSizes.isEmpty && model.kernelSizes.allSatisfy { $0 >= 1 && $0 % 2 == 1 },
                "model.kernel_sizes", "must be odd sizes ≥ 1 ('same' padding needs an odd kernel)")
            try check(model.pool >= 1, "model.pool", "must be ≥ 1 (1 = no pooling)")
            try checkPoolingFits(check)
        }
        if usesRNN {
            try check(model.hiddenSize >= 1, "model.hidden_size", "must be ≥ 1")
            try check(model.rnnLayers >= 1, "model.rnn_layers", "must be ≥ 1")
        }
        try check(model.dropout >= 0 && model.dropout < 1, "model.dropout", "must be in [0, 1)")
        try check(model.denseUnits.allSatisfy { $0 >= 1 }, "model.dense_units", "must be positive")
    }

    /// Pooling divides the image by `model.pool` per pooled block; the window must be large
    /// enough for it. A window too short in time is blamed on `clips.seconds` (the key a user
    /// changes), too few bins on the features that make them, and only a frequency count that
    /// does not divide (crnn) on `model.pool`.
    private func checkPoolingFits(_ check: (Bool, String, String) throws -> Void) throws {
        let firstBins = features.frequencyScale == .mel ? features.nMels : LinearBandCrop(config: features).binRange.count
        var bins = firstBins
        var pooled = 0
        for block in 0..<model.convLayers where model.isPooled(block: block) {
            if model.family == .crnn {
                // The crnn's frequency-only pooling reshapes runs of `pool` bins: they must fit.
                try check(
                    bins % model.pool == 0 || bins < model.pool, "model.pool",
                    "crnn pools frequency by reshaping: \(bins) bins at block \(block + 1) do not divide by \(model.pool)")
            }
            bins /= model.pool
            pooled += 1
        }
        // Saturates well before overflow (16^31 would not fit in an Int); any window is smaller.
        let needed = (0..<pooled).reduce(1) { product, _ in product > 1 << 40 ? product : product * model.pool }
        let poolingText = "\(pooled) block(s) pooling by \(model.pool) (model.conv_layers, model.pooled_blocks, model.pool)"
        if model.family == .cnn {
            try check(
                windowFrames >= needed, "clips.seconds",
                "\(clips.seconds) s makes \(windowFrames)-frame windows at hop_length / sample_rate = \(features.secondsPerFrame) s; "
                    + "\(poolingText) need at least \(needed) frames: lengthen clips.seconds or pool less")
        }
        let binKey = features.frequencyScale == .mel ? "features.n_mels" : "features.fmax"
        try check(
            firstBins >= needed, binKey,
            "gives \(firstBins) frequency bins; \(poolingText) need at least \(needed): use more bins or pool less")
    }
}
