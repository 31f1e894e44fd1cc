/// The frogscan release, recorded in model files' provenance.
public enum FrogscanVersion {
    public static let current = "0.1.0"
}
