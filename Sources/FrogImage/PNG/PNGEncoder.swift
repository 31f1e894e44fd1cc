internal import CPNG
import Foundation

/// Writes a `Raster` as an 8-bit RGB PNG file with libpng's simplified API.
///
/// The simplified API handles libpng's errors internally, so no `setjmp` crosses a Swift frame.
/// Files are written atomically: the PNG goes to a temporary file in the destination folder and
/// is renamed over the destination only when complete, so a reader never sees half an image.
public enum PNGEncoder {
    /// Writes `raster` to `path`, replacing any existing file.
    /// - Throws: `FrogImageError` naming `path` if its folder is missing or the write fails.
    public static func write(_ raster: Raster, to path: String) throws {
        let destination = URL(fileURLWithPath: path)
        let folder = destination.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
            isDirectory.boolValue
        else { throw FrogImageError.missingFolder(path: path) }
        guard raster.width > 0, raster.height > 0 else {
            throw FrogImageError.writeFailed(path: path, reason: "the image is empty (\(raster.width)×\(raster.height))")
        }

        // Same folder as the destination, so the final rename never crosses file systems.
        let temporary = folder + "/." + destination.lastPathComponent + ".\(UUID().uuidString).tmp"
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(raster.width)
        image.height = UInt32(raster.height)
        image.format = UInt32(PNG_FORMAT_RGB)
        let status = raster.pixels.withUnsafeBytes { bytes in
            png_image_write_to_file(&image, temporary, 0, bytes.baseAddress, 0, nil)
        }
        let message = libpngMessage(image)
        png_image_free(&image)
        guard status != 0 else {
            unlink(temporary)
            throw FrogImageError.writeFailed(path: path, reason: message)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw FrogImageError.writeFailed(path: path, reason: reason)
        }
    }
}

/// The text libpng left in `image.message` (a fixed 64-byte C string).
func libpngMessage(_ image: png_image) -> String {
    withUnsafeBytes(of: image.message) { raw in
        let bytes = raw.prefix { $0 != 0 }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.isEmpty ? "libpng reported no reason" : text
    }
}
