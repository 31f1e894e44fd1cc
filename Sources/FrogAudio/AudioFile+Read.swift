extension AudioFile {
    /// Reads a whole recording, or the stretch from `start` to `end` seconds (nil = the file's
    /// start / end), as one array per selected channel at `targetRate` (nil = the file's rate).
    /// Built on `AudioReader`, so a clip is decoded without reading the rest of the file.
    public static func read(
        path: String, targetRate: Int? = nil, channels: ChannelSelection = .all,
        start: Double? = nil, end: Double? = nil
    ) throws -> [[Float]] {
        let reader = try AudioReader(path: path, targetRate: targetRate, channels: channels)
        if start != nil || end != nil {
            try reader.seek(toSeconds: start ?? 0, until: end)
        }
        var out = [[Float]](repeating: [], count: reader.outputChannels)
        while let block = try reader.nextBlock() {
            for c in out.indices { out[c] += block[c] }
        }
        return out
    }
}
