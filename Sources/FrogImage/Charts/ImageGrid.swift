/// Tiles images in a grid with a caption under each (dataset previews: one spectrogram per
/// example with its label; training curves side by side).
public struct ImageGrid: Sendable {
    /// One image and the text under it.
    public struct Tile: Sendable {
        public var image: Raster
        public var caption: String

        public init(image: Raster, caption: String = "") {
            self.image = image
            self.caption = caption
        }
    }

    /// Tiles per row.
    public var columns: Int
    /// Pixels between tiles and around the edge.
    public var padding: Int
    public var background: RGB
    /// Font scale for captions.
    public var textScale: Int

    public init(columns: Int, padding: Int = 8, background: RGB = Palette.white, textScale: Int = 1) {
        precondition(columns > 0, "ImageGrid: columns must be positive")
        self.columns = columns
        self.padding = padding
        self.background = background
        self.textScale = textScale
    }

    /// Lays the tiles out left to right, top to bottom. Every cell is as large as the largest
    /// tile; captions longer than a cell are cut and end in "..".
    public func render(_ tiles: [Tile]) -> Raster {
        let s = max(1, textScale)
        let cellWidth = tiles.map { $0.image.width }.max() ?? 1
        let imageHeight = tiles.map { $0.image.height }.max() ?? 1
        let hasCaptions = tiles.contains { !$0.caption.isEmpty }
        let captionHeight = hasCaptions ? (BitmapFont.glyphHeight + 4) * s : 0
        let cellHeight = imageHeight + captionHeight
        let rowCount = max(1, (tiles.count + columns - 1) / columns)
        let usedColumns = max(1, min(columns, tiles.count))
        var raster = Raster(
            width: usedColumns * (cellWidth + padding) + padding,
            height: rowCount * (cellHeight + padding) + padding, fill: background)
        let textColor = Palette.contrastingText(on: background)
        for (index, tile) in tiles.enumerated() {
            let x = padding + (index % columns) * (cellWidth + padding)
            let y = padding + (index / columns) * (cellHeight + padding)
            raster.draw(tile.image, x: x, y: y)
            let caption = ImageGrid.fit(tile.caption, width: cellWidth, scale: s)
            raster.drawText(caption, x: x, y: y + imageHeight + 3 * s, color: textColor, scale: s)
        }
        return raster
    }

    /// `text` shortened to fit `width` pixels.
    static func fit(_ text: String, width: Int, scale: Int) -> String {
        if BitmapFont.measure(text, scale: scale).width <= width { return text }
        let characters = max(0, (width / scale + 1) / BitmapFont.advance - 2)
        return String(text.prefix(characters)) + ".."
    }
}
