/// Cuts a stream of multi-channel sample blocks into STFT frames, with librosa's centre padding,
/// so that frames come out identical whatever the block sizes.
///
/// Coordinates are in the *padded* signal (`center` adds `frameLength / 2` samples each side):
/// frame f starts at `f · hop`. `pending` holds the samples from the next unfinished frame's
/// start onwards (plus, for reflect padding, the last `frameLength / 2 + 1` samples, which the
/// right-hand reflection needs). Frames lying inside an incoming block are read from it in
/// place; only a frame straddling the old and new samples is read from a small joined buffer.
final class FrameStream {
    let frameLength: Int
    let hop: Int
    let channels: Int
    let center: Bool
    let padMode: FeatureConfig.PadMode
    /// Samples of padding before the signal (and after it).
    let padding: Int

    /// Frames emitted so far.
    private(set) var emitted = 0
    /// Original (unpadded) samples received so far, per channel.
    private(set) var receivedSamples = 0
    private var pending: [[Float]]
    /// Padded coordinate of `pending[c][0]`.
    private var pendingStart = 0
    /// Whether the left padding is in `pending` yet (reflect padding waits for enough samples).
    private var headPadded: Bool
    private var finished = false
    private let framePointers: UnsafeMutablePointer<UnsafePointer<Float>>

    init(frameLength: Int, hop: Int, channels: Int, center: Bool, padMode: FeatureConfig.PadMode) {
        precondition(frameLength >= 1 && hop >= 1 && channels >= 1, "bad framing parameters")
        self.frameLength = frameLength
        self.hop = hop
        self.channels = channels
        self.center = center
        self.padMode = padMode
        self.padding = center ? frameLength / 2 : 0
        let zeros = [Float](repeating: 0, count: center && padMode == .constant ? padding : 0)
        self.pending = Array(repeating: zeros, count: channels)
        self.headPadded = !center || padMode == .constant || padding == 0
        self.framePointers = .allocate(capacity: channels)
    }

    deinit { framePointers.deallocate() }

    /// Upper bound on the frames a push of `count` more samples (and a finish) can emit.
    func frameBound(adding count: Int) -> Int {
        let end = padding + receivedSamples + count + padding
        return max(0, (end - emitted * hop) / hop + 1)
    }

    /// Adds a block (`channels` arrays of equal length) and calls `body` once per frame now
    /// complete, with the frame's n samples per channel.
    func push(_ block: [[Float]], body: (UnsafePointer<UnsafePointer<Float>>) -> Void) {
        precondition(!finished, "push after finish")
        precondition(block.count == channels, "expected \(channels) channels, got \(block.count)")
        let count = block[0].count
        precondition(block.allSatisfy { $0.count == count }, "channels differ in length")
        receivedSamples += count
        if !headPadded {
            for c in 0..<channels { pending[c] += block[c] }
            guard pending[0].count > padding else { return }
            // librosa reflect: padded[j] = x[padding − j] for j < padding.
            for c in 0..<channels {
                let raw = pending[c]
                pending[c] = (0..<padding).map { raw[padding - $0] } + raw
            }
            headPadded = true
            process(block: [], count: 0, body: body)
            return
        }
        Self.withBasePointers(block) { pointers in
            process(block: pointers, count: count, body: body)
        }
    }

    /// Ends the stream: adds the right-hand padding and emits the remaining frames.
    func finish(body: (UnsafePointer<UnsafePointer<Float>>) -> Void) {
        precondition(!finished, "finish called twice")
        finished = true
        guard receivedSamples > 0, center, padding > 0 else {
            if receivedSamples > 0 { process(block: [], count: 0, body: body) }
            return
        }
        if !headPadded {
            // Fewer samples than the padding: numpy's reflect repeats the reflection.
            for c in 0..<channels {
                let raw = pending[c]
                pending[c] = (-padding..<(raw.count + padding)).map { raw[Self.reflectIndex($0, count: raw.count)] }
            }
            headPadded = true
            process(block: [], count: 0, body: body)
            return
        }
        var tail = [[Float]](repeating: [Float](repeating: 0, count: padding), count: channels)
        if padMode == .reflect {
            // Right reflection: x[n − 1 − k] for k = 1…padding, read from the kept tail.
            let last = padding + receivedSamples - 1  // padded coordinate of x[n − 1]
            for c in 0..<channels {
                for k in 1...padding { tail[c][k - 1] = pending[c][last - k - pendingStart] }
            }
        }
        Self.withBasePointers(tail) { pointers in
            process(block: pointers, count: padding, body: body)
        }
    }

    /// Emits every frame that fits in `pending` + `block`, then keeps what later frames need.
    private func process(
        block: [UnsafePointer<Float>?], count: Int, body: (UnsafePointer<UnsafePointer<Float>>) -> Void
    ) {
        let pendingCount = pending[0].count
        let end = pendingStart + pendingCount + count
        // Joined buffer for frames that start in `pending`: pending + the block's first n samples.
        var joined: [[Float]] = []
        if pendingCount > 0 {
            let take = min(frameLength, count)
            joined = (0..<channels).map { c in
                take == 0 ? pending[c] : pending[c] + UnsafeBufferPointer(start: block[c]!, count: take)
            }
        }
        Self.withBasePointers(joined) { joinedPointers in
            while emitted * hop + frameLength <= end {
                let offset = emitted * hop - pendingStart
                for c in 0..<channels {
                    framePointers[c] = offset < pendingCount
                        ? joinedPointers[c]! + offset : block[c]! + (offset - pendingCount)
                }
                body(framePointers)
                emitted += 1
            }
        }
        // Keep from the next frame's start (and, for reflect, the last padding + 1 samples).
        var keepFrom = min(emitted * hop, end)
        if center && padMode == .reflect { keepFrom = min(keepFrom, end - (padding + 1)) }
        keepFrom = max(keepFrom, pendingStart)
        let dropped = keepFrom - pendingStart
        for c in 0..<channels {
            var kept: [Float] = []
            kept.reserveCapacity(end - keepFrom)
            if dropped < pendingCount { kept += pending[c][dropped...] }
            let fromBlock = max(0, dropped - pendingCount)
            if fromBlock < count {
                kept += UnsafeBufferPointer(start: block[c]! + fromBlock, count: count - fromBlock)
            }
            pending[c] = kept
        }
        pendingStart = keepFrom
    }

    /// numpy's reflect index for position `i` of a signal of `count` samples (period 2(n − 1)).
    static func reflectIndex(_ i: Int, count: Int) -> Int {
        if count == 1 { return 0 }
        let period = 2 * (count - 1)
        var j = abs(i) % period
        if j >= count { j = period - j }
        return j
    }

    /// Calls `body` with the base address of every array (nil for empty ones).
    static func withBasePointers<R>(_ arrays: [[Float]], _ body: ([UnsafePointer<Float>?]) -> R) -> R {
        var pointers: [UnsafePointer<Float>?] = []
        pointers.reserveCapacity(arrays.count)
        func descend(_ index: Int) -> R {
            if index == arrays.count { return body(pointers) }
            return arrays[index].withUnsafeBufferPointer { buffer in
                pointers.append(buffer.baseAddress)
                return descend(index + 1)
            }
        }
        return descend(0)
    }
}
