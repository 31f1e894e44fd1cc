extension FeatureImage {
    /// Appends `other`'s frames (same bins; `other` follows this image in time). Appending to
    /// an empty image adopts `other`'s time axis.
    public mutating func append(_ other: FeatureImage) {
        precondition(other.bins == bins, "cannot append \(other.bins) bins to \(bins)")
        if frames == 0 { startSeconds = other.startSeconds }
        values += other.values
        frames += other.frames
    }
}
