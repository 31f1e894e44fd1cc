import Foundation
import FrogAudio
import FrogDSP
import FrogImage

/// `--snippets N`: a spectrogram PNG of each species' N most confident detections, with the
/// detection's time–frequency box drawn, for a quick look at what the model found.
///
/// Each snippet is the detection plus `contextSeconds` either side, computed with the model's
/// own preprocessing from the detection's channel (or the phase-safe mix), and written as
/// `snippets/<species>/<rank>_<recording>_<start>s.png`.
public struct SnippetWriter {
    public let config: FeatureConfig
    public let bands: FrequencyBands
    /// Audio shown before and after the detection.
    public var contextSeconds = 1.0
    /// Pixels per feature frame and per bin.
    public var scale = 2

    public init(config: FeatureConfig, bands: FrequencyBands) {
        self.config = config
        self.bands = bands
    }

    /// Writes the snippets of the `best` most confident records per species (ties broken by
    /// output order, so the choice is deterministic). Returns the files written.
    @discardableResult
    public func write(best: Int, of records: [DetectionRecord], to folder: URL) throws -> [URL] {
        var written: [URL] = []
        let bySpecies = Dictionary(grouping: records.sorted(by: DetectionRecord.outputOrder), by: \.detection.species)
        for species in bySpecies.keys.sorted() {
            // A stable sort keeps output order among equal confidences.
            let chosen = bySpecies[species]!.enumerated()
                .sorted { ($1.element.detection.confidence, $0.offset) < ($0.element.detection.confidence, $1.offset) }
                .prefix(best).map(\.element)
            for (rank, record) in chosen.enumerated() {
                let d = record.detection
                let name = String(format: "%02d_%@_%.2fs.png", rank + 1,
                                  URL(fileURLWithPath: d.file).deletingPathExtension().lastPathComponent, d.start)
                let url = folder.appendingPathComponent(safeName(species)).appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try PNGEncoder.write(try render(d), to: url.path)
                written.append(url)
            }
        }
        return written
    }

    /// The spectrogram of one detection with its box and a caption.
    public func render(_ detection: Detection) throws -> Raster {
        let start = max(0, detection.start - contextSeconds)
        let end = detection.end + contextSeconds
        let selection: ChannelSelection = detection.channel.map { .channel($0 - 1) } ?? .all
        let reader = try AudioReader(path: detection.file, targetRate: config.sampleRate, channels: selection)
        try reader.seek(toSeconds: start, until: end)
        var channels = Array(repeating: [Float](), count: reader.outputChannels)
        while let block = try reader.nextBlock() {
            for c in channels.indices { channels[c] += block[c] }
        }
        let image = FeatureExtractor(config: config).features(channels: channels)
        guard image.frames > 0 else { throw AudioError.empty(detection.file) }
        // The raster wants rows = bins; the feature image is frame-major.
        var matrix = [Float](repeating: 0, count: image.frames * image.bins)
        for frame in 0..<image.frames {
            for bin in 0..<image.bins { matrix[bin * image.frames + frame] = image[frame, bin] }
        }
        let caption = String(format: "%@  %.2f  %@ @ %.2f s", detection.species, detection.confidence,
                             URL(fileURLWithPath: detection.file).lastPathComponent, detection.start)
        let captionHeight = BitmapFont.measure(caption).height + 4
        let spectrogram = Raster(matrix: matrix, rows: image.bins, columns: image.frames, colormap: .magma,
                                 flipVertically: true, scale: scale)
        var raster = Raster(width: max(spectrogram.width, BitmapFont.measure(caption).width + 4),
                            height: spectrogram.height + captionHeight)
        raster.draw(spectrogram, x: 0, y: captionHeight)
        raster.drawText(caption, x: 2, y: 2, color: Palette.black)

        // Box: time from the frame grid, frequency from the nearest bins of the species' band.
        let secondsPerFrame = config.secondsPerFrame
        let left = Int(((detection.start - start) / secondsPerFrame).rounded()) * scale
        let right = Int(((detection.end - start) / secondsPerFrame).rounded()) * scale
        let band = bands.band(for: detection.species)
        let lowBin = nearestBin(band.lowerBound, in: image.binFrequencies)
        let highBin = nearestBin(band.upperBound, in: image.binFrequencies)
        let top = captionHeight + (image.bins - 1 - highBin) * scale
        let bottom = captionHeight + (image.bins - lowBin) * scale
        raster.strokeRectangle(x: left, y: top, width: max(2, min(right, spectrogram.width) - left),
                               height: max(2, bottom - top), color: (0, 255, 255), thickness: 2)
        return raster
    }

    private func nearestBin(_ hz: Float, in frequencies: [Float]) -> Int {
        frequencies.indices.min { abs(frequencies[$0] - hz) < abs(frequencies[$1] - hz) } ?? 0
    }

    /// Species names as folder names: path separators and spaces replaced.
    private func safeName(_ species: String) -> String {
        String(species.map { $0 == "/" || $0 == " " || $0 == "\\" ? "_" : $0 })
    }
}
