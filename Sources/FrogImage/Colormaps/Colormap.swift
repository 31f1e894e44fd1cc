/// Maps a value in [0, 1] to a colour through a 256-entry lookup table.
///
/// `viridis` and `magma` are matplotlib's tables, and `color(_:)` picks entries and converts them
/// to bytes exactly as `matplotlib.colormaps[name](t, bytes=True)` does, so a frogscan
/// spectrogram and a matplotlib one of the same matrix have identical pixels.
public struct Colormap: Sendable {
    /// The colormap's name as accepted by `init?(named:)`.
    public let name: String
    /// 256 entries × (r, g, b), in bytes.
    private let table: [UInt8]

    /// Builds a colormap from 256 (r, g, b) entries in [0, 1].
    init(name: String, rgbFractions: [Double]) {
        precondition(rgbFractions.count == 256 * 3, "Colormap \(name): need 256 RGB entries")
        self.name = name
        // matplotlib converts its float table with `(lut * 255).astype(uint8)`: truncation, not
        // rounding, so we truncate too.
        table = rgbFractions.map { UInt8(max(0, min(255, $0 * 255))) }
    }

    /// Builds a colormap from 256 (r, g, b) byte entries.
    init(name: String, rgbBytes: [UInt8]) {
        precondition(rgbBytes.count == 256 * 3, "Colormap \(name): need 256 RGB entries")
        self.name = name
        table = rgbBytes
    }

    /// Perceptually uniform blue–green–yellow (matplotlib's default).
    public static let viridis = Colormap(name: "viridis", rgbFractions: ColormapTables.viridis)
    /// Perceptually uniform black–purple–cream; dark quiet background for spectrograms.
    public static let magma = Colormap(name: "magma", rgbFractions: ColormapTables.magma)
    /// Linear black to white: entry i is (i, i, i).
    public static let gray = Colormap(
        name: "gray", rgbBytes: (0..<256).flatMap { i in [UInt8](repeating: UInt8(i), count: 3) })

    /// All built-in colormaps, for listing in `--help` and validation messages.
    public static let all: [Colormap] = [.viridis, .magma, .gray]

    /// The built-in colormap called `name` ("viridis", "magma", "gray"/"grey"), or nil.
    public init?(named name: String) {
        let wanted = name.lowercased() == "grey" ? "gray" : name.lowercased()
        guard let found = Colormap.all.first(where: { $0.name == wanted }) else { return nil }
        self = found
    }

    /// The colour for `t`: 0 is the first entry, 1 the last; values outside [0, 1] clamp to the
    /// ends and NaN maps to the first entry (matplotlib's "under"/"over" defaults).
    @inlinable public func color(_ t: Float) -> RGB {
        entry(index(t))
    }

    /// The table index matplotlib uses for `t`: `floor(t · 256)`, with 1.0 mapping to 255.
    @usableFromInline func index(_ t: Float) -> Int {
        guard t.isFinite else { return t == .infinity ? 255 : 0 }
        let scaled = t * 256  // exact: multiplying by a power of two
        if scaled < 0 { return 0 }
        if scaled >= 255 { return 255 }
        return Int(scaled)
    }

    /// Entry `index` (0...255) of the table.
    @usableFromInline func entry(_ index: Int) -> RGB {
        (table[3 * index], table[3 * index + 1], table[3 * index + 2])
    }
}
