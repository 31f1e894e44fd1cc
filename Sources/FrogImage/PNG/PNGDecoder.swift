internal import CPNG
import Foundation

/// Reads a PNG file into an 8-bit RGB `Raster` (any PNG libpng reads; alpha is composited on
/// black and grey is expanded, by libpng's simplified API). Used by tests and previews.
public enum PNGDecoder {
    /// Decodes the PNG at `path`.
    /// - Throws: `FrogImageError.readFailed` naming `path` when it is missing or not a PNG.
    public static func read(_ path: String) throws -> Raster {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_file(&image, path) != 0 else {
            let message = libpngMessage(image)
            png_image_free(&image)
            throw FrogImageError.readFailed(path: path, reason: message)
        }
        image.format = UInt32(PNG_FORMAT_RGB)
        let width = Int(image.width)
        let height = Int(image.height)
        var raster = Raster(width: width, height: height, fill: Palette.black)
        let status = raster.pixels.withUnsafeMutableBytes { bytes in
            png_image_finish_read(&image, nil, bytes.baseAddress, 0, nil)
        }
        let message = libpngMessage(image)
        png_image_free(&image)
        guard status != 0 else { throw FrogImageError.readFailed(path: path, reason: message) }
        return raster
    }
}
