import Foundation

/// Frog-free training audio from frogscan's own noise models (`FieldNoise`, `NonFrogSounds`):
/// crickets, rain, wind and traffic, and on request bird whistles, knocks, rumbles and voices,
/// over a recorder's floor, with gain and pitch variety, so the "no frog"
/// class sees more kinds of background than the few real files a user has. Written once as
/// WAV files into the feature cache's folder (seeded: the same settings give the same bytes)
/// and then used like any `data.negatives` file.
///
/// Declared here with its `Kind`, which the run config reads; the generator (`files`) is an
/// extension in FrogSynth.
public enum SyntheticNegatives {
    /// The noise models that can be asked for.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case crickets, rain, wind, traffic, birds, knocks, rumble, voices

        /// The steady field backgrounds: what `data.synthetic_negatives` makes unless `kinds` says otherwise.
        public static let field: [Kind] = [.crickets, .rain, .wind, .traffic]
    }
}
