extension RunConfig {
    /// A range for every numeric key `validate()` does not already bound on both sides, so
    /// `learning_rate: .inf`, `momentum: .nan` or `batch_size: 1e9` is refused up front instead
    /// of training on and on or allocating terabytes. Ranges are generous: they exclude only
    /// values no run could use. Non-finite numbers fail every one of them.
    func validateRanges(_ check: (Bool, String, String) throws -> Void) throws {
        func integer(_ value: Int, _ range: ClosedRange<Int>, _ key: String, _ note: String = "") throws {
            try check(range.contains(value), key, "must be in \(range.lowerBound)…\(range.upperBound)\(note) (got \(value))")
        }
        func number(_ value: Double, _ range: ClosedRange<Double>, _ key: String, _ note: String = "") throws {
            try check(
                range.contains(value), key,
                "must be a number in [\(range.lowerBound), \(range.upperBound)]\(note) (got \(value))")
        }
        func integers(_ values: [Int], _ range: ClosedRange<Int>, _ key: String, _ note: String = "") throws {
            if let bad = values.first(where: { !range.contains($0) }) {
                try check(false, key, "values must be in \(range.lowerBound)…\(range.upperBound)\(note) (got \(bad))")
            }
        }
        try integer(seed, 0...Int(UInt32.max), "seed")
        try integer(data.splitSeed ?? 0, 0...Int(UInt32.max), "data.split_seed")
        try integer(data.folds, 0...100, "data.folds", " (0 = off)")

        try integer(augment.frequencyMasks, 0...20, "augment.frequency_masks")
        try integer(augment.frequencyMaskBins, 0...1_024, "augment.frequency_mask_bins")
        try integer(augment.timeMasks, 0...20, "augment.time_masks")
        try integer(augment.timeMaskFrames, 0...100_000, "augment.time_mask_frames")
        try check(
            augment.noiseSNRDB.allSatisfy { (-60...100).contains($0) }, "augment.noise_snr_db",
            "values must be numbers in [-60, 100] dB (got \(augment.noiseSNRDB))")
        try number(augment.gainDB, 0...60, "augment.gain_db", " (± dB, 0 = off)")
        try number(augment.mixupAlpha, 0.001...100, "augment.mixup_alpha")

        try integer(model.convLayers, 0...32, "model.conv_layers")
        try integers(model.filters, 1...4_096, "model.filters")
        try integers(model.kernelSizes, 1...31, "model.kernel_sizes", " (odd; 3 or 5 are usual)")
        try integer(model.pool, 1...16, "model.pool", " (1 = no pooling)")
        try integer(model.pooledBlocks, -1...32, "model.pooled_blocks", " (-1 = all but the last block)")
        try integers(model.denseUnits, 1...65_536, "model.dense_units")
        try integer(model.hiddenSize, 0...8_192, "model.hidden_size")
        try integer(model.rnnLayers, 0...16, "model.rnn_layers")

        let limits = train
        try integer(limits.epochs, 1...100_000, "train.epochs")
        try integer(limits.batchSize, 1...65_536, "train.batch_size")
        try number(limits.learningRate, 1e-12...10, "train.learning_rate")
        try number(limits.weightDecay, 0...10, "train.weight_decay")
        try number(limits.momentum, 0...0.9999, "train.momentum", " (SGD; 0.9 is usual)")
        try integer(limits.warmupEpochs, 0...limits.epochs, "train.warmup_epochs", " (at most train.epochs)")
        try integer(limits.stepEpochs, 1...100_000, "train.step_epochs")
        try number(limits.gamma, 1e-6...1, "train.gamma", " (the step schedule's factor)")
        try number(limits.gradientClip, 0...1e6, "train.gradient_clip", " (0 = off)")
        try integer(limits.stepsPerEpoch, 0...10_000_000, "train.steps_per_epoch", " (0 = one pass)")
        try integer(limits.pseudoLabelEpoch, 0...limits.epochs, "train.pseudo_label_epoch", " (0 = off; at most train.epochs)")
        try integer(limits.earlyStopping.patience, 0...100_000, "train.early_stopping.patience")
        try integer(limits.reduceLROnPlateau.patience, 0...100_000, "train.reduce_lr_on_plateau.patience", " (0 = off)")
        try number(
            limits.reduceLROnPlateau.minLearningRate, 0...10, "train.reduce_lr_on_plateau.min_learning_rate")
        try integer(limits.threads, 0...1_024, "train.threads", " (0 = all cores)")
        try integer(limits.seeds, 1...100, "train.seeds", " (1 = one model; N > 1 an ensemble of N seeds)")

        try check(
            evaluate.maxFalsePerHour.isFinite && (0...1e6).contains(evaluate.maxFalsePerHour),
            "evaluate.max_false_per_hour", "must be a number in [0, 1000000] (got \(evaluate.maxFalsePerHour))")
    }

    /// Class names that would collide: a name listed twice in `data.classes` gives two outputs
    /// for one species (and crashes detection's per-species tables).
    func validateClassLists(_ check: (Bool, String, String) throws -> Void) throws {
        for (key, names) in [("data.classes", data.classes), ("data.background_classes", data.backgroundClasses)] {
            var seen = Set<String>()
            for name in names {
                try check(!name.isEmpty, key, "has an empty name")
                try check(seen.insert(name).inserted, key, "lists '\(name)' more than once; each class must be listed once")
            }
        }
    }
}
