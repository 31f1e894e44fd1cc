import FrogData
import FrogDSP

/// Examples (FrogData's `Example`: features, main class, multi-hot targets, recording, group)
/// already split three ways, with the class names their indices refer to.
public struct TrainingData: Sendable {
    public var classes: [String]
    public var train: [Example]
    public var validation: [Example]
    public var test: [Example]
    /// Background windows (no calls) for the noise overlay during training.
    public var noise: [FeatureImage]
    /// Frog-free files held out of training (`data.validation_negatives`): the validation
    /// presence figures and the false-positive budget are measured on them.
    public var validationBackgrounds: [String]
    /// Frog-free files for the test report (`data.backgrounds`), never trained or tuned on.
    public var testBackgrounds: [String]
    /// Recordings labelled as a whole (weak labels): where pseudo-labelling may look for
    /// call-free windows.
    public var weakRecordings: Set<String> = []

    public init(
        classes: [String], train: [Example], validation: [Example], test: [Example], noise: [FeatureImage] = [],
        validationBackgrounds: [String] = [], testBackgrounds: [String] = []
    ) {
        self.classes = classes
        self.train = train
        self.validation = validation
        self.test = test
        self.noise = noise
        self.validationBackgrounds = validationBackgrounds
        self.testBackgrounds = testBackgrounds
    }
}
