import Foundation

/// Sounds a pond recorder meets that are neither frogs nor steady background: bird whistles,
/// knocks and handling clicks, thunder-like rumbles and voices. Each is a family with wide
/// random variety (not a copy of any recording) so a model trained against them learns what
/// is *not* a frog call rather than the texture of a few files.
enum NonFrogSounds {
    /// Bird-like phrases: tonal whistles 1.5–8 kHz, each a fast up/down sweep or a warble of
    /// 40–400 ms, sometimes with a second harmonic, in phrases of 2–12 notes separated by
    /// seconds of quiet.
    static func birds(frames: Int, rate: Int, levelDB: Double, random: inout SynthRandom) -> [Float] {
        var out = [Float](repeating: 0, count: frames)
        var tone = ToneBuilder(rate: rate)
        let seconds = Double(frames) / Double(rate)
        let top = min(8_000, Double(rate) * 0.45)
        var t = random.uniform(0, 2)
        while t < seconds {
            let base = random.uniform(1_500, top * 0.8)
            let notes = random.integer(2, 12)
            let noteLength = random.uniform(0.04, 0.4)
            let gap = random.uniform(0.02, 0.25)
            let harmonic = random.chance(0.3)
            for _ in 0..<notes where t < seconds {
                let start = base * random.uniform(0.8, 1.25)
                let end = min(top, max(800, start * random.uniform(0.6, 1.6)))
                let amplitude = random.uniform(0.3, 1)
                tone.addTone(into: &out, offset: t, length: noteLength, startHz: start, endHz: end,
                             amplitude: amplitude, envelope: ToneBuilder.hann)
                if harmonic, end * 2 < Double(rate) * 0.48, start * 2 < Double(rate) * 0.48 {
                    tone.addTone(into: &out, offset: t, length: noteLength, startHz: 2 * start, endHz: 2 * end,
                                 amplitude: amplitude * 0.3, envelope: ToneBuilder.hann)
                }
                t += noteLength * random.uniform(0.8, 1.2) + gap
            }
            t += random.uniform(0.5, 6)
        }
        return finish(out, frames: frames, levelDB: levelDB)
    }

    /// Knocks and clicks: broadband impulses (a microphone touched, a branch, a door, a
    /// rifle-crack at a distance), each an exponentially decaying noise burst of 2–150 ms
    /// through a random low-pass, at irregular intervals, sometimes in quick runs.
    static func knocks(frames: Int, rate: Int, levelDB: Double, random: inout SynthRandom) -> [Float] {
        var out = [Float](repeating: 0, count: frames)
        let seconds = Double(frames) / Double(rate)
        var t = random.uniform(0, 1)
        while t < seconds {
            let run = random.chance(0.3) ? random.integer(2, 8) : 1
            let spacing = random.uniform(0.05, 0.4)
            let length = random.uniform(0.002, 0.15)
            let cutoff = random.uniform(300, Double(rate) * 0.45)
            for k in 0..<run {
                var burst = (0..<max(2, Int(length * Double(rate)))).map { _ in Float(random.normal()) }
                SynthSignal.lowPass(&burst, cutoffHz: cutoff, rate: rate)
                let amplitude = Float(random.uniform(0.3, 1))
                let first = Int((t + Double(k) * spacing) * Double(rate))
                for i in burst.indices where first + i < frames {
                    let decay = Float(exp(-5 * Double(i) / Double(burst.count)))
                    out[first + i] += amplitude * burst[i] * decay
                }
            }
            t += Double(run) * spacing + random.uniform(0.3, 4)
        }
        return finish(out, frames: frames, levelDB: levelDB)
    }

    /// Thunder-like rumbles: a sharp broadband onset, then 1–8 s of low-passed noise (under
    /// 100–600 Hz) that swells and dies away, a few per minute.
    static func rumble(frames: Int, rate: Int, levelDB: Double, random: inout SynthRandom) -> [Float] {
        var out = [Float](repeating: 0, count: frames)
        let seconds = Double(frames) / Double(rate)
        var t = random.uniform(0, 3)
        while t < seconds {
            let length = random.uniform(1, 8)
            let count = Int(length * Double(rate))
            var body = (0..<count).map { _ in Float(random.normal()) }
            let cutoff = random.uniform(100, 600)
            SynthSignal.lowPass(&body, cutoffHz: cutoff, rate: rate)
            SynthSignal.lowPass(&body, cutoffHz: cutoff, rate: rate)
            let crack = random.uniform(0, 1)
            let peak = random.uniform(0.05, 0.4)
            let first = Int(t * Double(rate))
            for i in 0..<count where first + i < frames {
                let u = Double(i) / Double(count)
                let envelope = u < peak ? u / peak : exp(-3 * (u - peak) / (1 - peak))
                // The crack: unfiltered noise over the first ~50 ms.
                let onset = Double(i) < 0.05 * Double(rate) ? crack * random.normal() * 0.05 : 0
                out[first + i] += Float(Double(body[i]) * 8 * envelope + onset)
            }
            t += length + random.uniform(2, 20)
        }
        return finish(out, frames: frames, levelDB: levelDB)
    }

    /// Voices: harmonic stacks on a 85–300 Hz fundamental with a wandering pitch contour,
    /// shaped by two formant-like emphases, in syllables of 100–400 ms and phrases of 1–4 s.
    static func voices(frames: Int, rate: Int, levelDB: Double, random: inout SynthRandom) -> [Float] {
        var out = [Float](repeating: 0, count: frames)
        let seconds = Double(frames) / Double(rate)
        let f0 = random.uniform(85, 300)
        var t = random.uniform(0, 2)
        while t < seconds {
            let phraseEnd = t + random.uniform(1, 4)
            while t < min(phraseEnd, seconds) {
                let length = random.uniform(0.1, 0.4)
                let pitch = f0 * random.uniform(0.8, 1.3)
                let glide = pitch * random.uniform(0.85, 1.15)
                let formants = (random.uniform(300, 900), random.uniform(900, 2_800))
                var tone = ToneBuilder(rate: rate)
                var harmonic = 1.0
                while harmonic * max(pitch, glide) < min(4_000, Double(rate) * 0.45) {
                    let f = harmonic * pitch
                    let emphasis = exp(-pow((f - formants.0) / 250, 2)) + 0.6 * exp(-pow((f - formants.1) / 400, 2))
                    let amplitude = (0.05 + emphasis) / harmonic.squareRoot()
                    tone.addTone(into: &out, offset: t, length: length, startHz: f, endHz: harmonic * glide,
                                 amplitude: amplitude, envelope: ToneBuilder.hann)
                    harmonic += 1
                }
                t += length + random.uniform(0.02, 0.15)
            }
            t += random.uniform(0.5, 5)
        }
        return finish(out, frames: frames, levelDB: levelDB)
    }

    /// Cuts the tone buffers (which may run past the end) to `frames` and scales to `levelDB`.
    private static func finish(_ buffer: [Float], frames: Int, levelDB: Double) -> [Float] {
        var out = Array(buffer.prefix(frames))
        if out.count < frames { out += [Float](repeating: 0, count: frames - out.count) }
        SynthSignal.scale(&out, toRMSdB: levelDB)
        return out
    }
}
