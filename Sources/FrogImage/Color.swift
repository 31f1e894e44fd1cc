/// An 8-bit RGB colour, the pixel type of `Raster`.
public typealias RGB = (r: UInt8, g: UInt8, b: UInt8)

/// Named colours used by the charts, and a categorical palette for series.
public enum Palette {
    public static let white: RGB = (255, 255, 255)
    public static let black: RGB = (0, 0, 0)
    /// Axis lines and tick labels: dark but softer than black.
    public static let axis: RGB = (60, 60, 60)
    /// Light grid lines behind the data.
    public static let grid: RGB = (225, 225, 225)

    /// matplotlib's "tab10" categorical colours, so charts look familiar to Python users.
    public static let categorical: [RGB] = [
        (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
        (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207),
    ]

    /// The categorical colour for series number `index`, cycling when there are more than ten.
    public static func series(_ index: Int) -> RGB {
        categorical[((index % categorical.count) + categorical.count) % categorical.count]
    }

    /// Black or white, whichever reads better on `background` (Rec. 709 luma at mid-grey).
    public static func contrastingText(on background: RGB) -> RGB {
        let luma = 0.2126 * Double(background.r) + 0.7152 * Double(background.g)
            + 0.0722 * Double(background.b)
        return luma > 140 ? black : white
    }
}
