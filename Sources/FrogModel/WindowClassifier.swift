import FrogDSP

/// What detection needs from a trained model: score fixed-length feature windows.
///
/// A trained model file (`ModelBundle`) conforms; tests may use simpler scorers. The classifier
/// owns everything after feature extraction (per-window normalisation, the network), so that
/// `detect` replays training's preprocessing exactly.
public protocol WindowClassifier {
    /// Class names, in score order.
    var classes: [String] { get }
    /// Preprocessing from samples to features that the model was trained with.
    var featureConfig: FeatureConfig { get }
    /// Frames per window the model scores.
    var windowFrames: Int { get }
    /// Per-class decision thresholds, in `classes` order.
    var thresholds: [Float] { get }
    /// The rest of the decision rule (minimum positive windows per detection), stored with
    /// the thresholds.
    var decision: DecisionRule { get }
    /// Classes that mean "no call" (such as `noise`): scored but never reported as detections.
    var backgroundClasses: Set<String> { get }
    /// A stable identifier of the model (a content hash), recorded with every detection.
    var modelID: String { get }
    /// Scores in [0, 1], one row per window and one column per class.
    func scores(_ windows: [FeatureImage]) throws -> [[Float]]
    /// Known call band per class in Hz, for the boxes drawn around detections (Raven, Audacity,
    /// snippets). Optional: classes without a band get the model's whole feature range.
    var speciesBands: [String: ClosedRange<Float>] { get }
}

extension WindowClassifier {
    /// Window length in seconds.
    public var windowSeconds: Double { Double(windowFrames) * featureConfig.secondsPerFrame }

    /// No known bands by default.
    public var speciesBands: [String: ClosedRange<Float>] { [:] }

    /// Scorers without a stored rule keep every positive window.
    public var decision: DecisionRule { DecisionRule() }

    /// The thresholds a run decides with: `minConfidence` for every class when the user gives
    /// one (`--min-confidence`), else the model's. `detect`, `survey run` and `evaluate` share it.
    public func decisionThresholds(minConfidence: Float?) -> [Float] {
        minConfidence.map { value in classes.map { _ in value } } ?? thresholds
    }

    /// The positive windows a detection needs: `override` when the user gives one
    /// (`--min-windows`), else the model's rule; at least 1.
    public func decisionMinWindows(_ override: Int?) -> Int {
        max(1, override ?? decision.minWindows)
    }
}

/// A classifier whose decision rule can be rewritten in place (`frogscan calibrate`): a model
/// file or an ensemble of them.
public protocol AdjustableClassifier: AnyObject, WindowClassifier {
    var thresholds: [Float] { get set }
    var decision: DecisionRule { get set }
}

extension ModelBundle: AdjustableClassifier {}
extension ModelEnsemble: AdjustableClassifier {}
