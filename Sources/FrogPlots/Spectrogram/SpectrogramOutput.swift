import Foundation
import FrogCore
import FrogDSP
import FrogImage

/// Writes a spectrogram where `frogscan spectrogram -o` asks: `.npy` (float32 `[frames, bins]`)
/// or `.png` (a `SpectrogramPicture`), atomically (temporary file + rename) so a reader never
/// sees half a file.
public enum SpectrogramOutput {
    /// The output kinds, chosen by file extension.
    public enum Kind: String, Sendable { case npy, png }

    /// The kind for `path`, or an error naming it.
    public static func kind(of path: String) throws -> Kind {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard let kind = Kind(rawValue: ext) else {
            throw SpectrogramOutputError(path: path, message: "output must end in .npy or .png")
        }
        return kind
    }

    /// Writes `image` to `path` (kind from its extension).
    public static func write(_ image: FeatureImage, to path: String, picture: SpectrogramPicture) throws {
        switch try kind(of: path) {
        case .npy:
            try AtomicFile.write(NPY.encode(image), to: URL(fileURLWithPath: path))
        case .png:
            guard image.frames > 0 else {
                throw SpectrogramOutputError(path: path, message: "no frames to draw")
            }
            try PNGEncoder.write(picture.render(image), to: path)
        }
    }
}

/// An output path frogscan cannot write.
public struct SpectrogramOutputError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
