import Foundation

/// One synthesised call: its samples (peak 1, starting at its own time 0) and the frequency
/// box that holds its dominant energy.
struct RenderedCall {
    var samples: [Float]
    var lowHz: Double
    var highHz: Double
}

/// The call models of the five classes (see `SynthSpecies` for the descriptions followed).
/// Each draws its pitch from the species' configured band and jitters durations and rates by
/// `variation`, so no two calls are alike.
enum CallModels {
    /// Spectral spread beyond the swept carrier that short pulses and clicks add (a 6 ms burst
    /// is ~170 Hz wide), so the box holds the call's energy.
    static let boxMarginHz = 250.0

    static func render(
        _ species: SynthSpecies, settings: SynthConfig.Species, variation: Double, rate: Int,
        random: inout SynthRandom
    ) -> RenderedCall {
        var tone = ToneBuilder(rate: rate)
        var samples: [Float] = []
        let carrier = random.uniform(settings.lowHz, settings.highHz)
        switch species {
        case .criniaSignifera:
            crick(into: &samples, tone: &tone, carrier: carrier, variation: variation, random: &random)
        case .litoriaFallax:
            wreeekPip(into: &samples, tone: &tone, carrier: carrier, variation: variation, random: &random)
        case .limnodynastesTasmaniensis:
            ukSeries(into: &samples, tone: &tone, carrier: carrier, variation: variation, random: &random)
        case .limnodynastesPeronii:
            tok(into: &samples, tone: &tone, carrier: carrier, variation: variation, random: &random)
        case .otherFrog:
            trill(into: &samples, tone: &tone, carrier: carrier, variation: variation, random: &random)
        }
        SynthSignal.normalisePeak(&samples)
        return RenderedCall(
            samples: samples, lowHz: max(0, tone.lowestHz - boxMarginHz), highHz: tone.highestHz + boxMarginHz)
    }

    /// *Crinia signifera*: a train of 3–10 "crick" notes, 2–4 per second; each note is 3–6
    /// pulses ~11 ms apart with a slight downward sweep.
    private static func crick(
        into samples: inout [Float], tone: inout ToneBuilder, carrier: Double, variation: Double,
        random: inout SynthRandom
    ) {
        let notes = random.integer(3, 10)
        let noteInterval = random.jittered(0.33, variation)
        let pulses = random.integer(3, 6)
        let pulseInterval = random.jittered(0.011, variation)
        var noteStart = 0.0
        for n in 0..<notes {
            let frequency = carrier * (1 + 0.01 * random.normal())
            // Froglets build up over a train: later notes a little louder.
            let level = 0.6 + 0.4 * Double(n + 1) / Double(notes)
            for p in 0..<pulses {
                tone.addTone(
                    into: &samples, offset: noteStart + Double(p) * pulseInterval, length: pulseInterval * 0.65,
                    startHz: frequency + 60, endHz: frequency - 60, amplitude: level, envelope: ToneBuilder.hann)
            }
            noteStart += random.jittered(noteInterval, variation / 2)
        }
    }

    /// *Litoria fallax*: a buzzy "wreeek" (0.3–0.6 s, amplitude-pulsed ~110 Hz, rising a
    /// little), then 1–5 short "pip" notes ~0.2 s apart.
    private static func wreeekPip(
        into samples: inout [Float], tone: inout ToneBuilder, carrier: Double, variation: Double,
        random: inout SynthRandom
    ) {
        let length = min(0.7, max(0.25, random.jittered(0.45, variation)))
        let buzz = random.jittered(110, variation)
        tone.addTone(
            into: &samples, offset: 0, length: length, startHz: carrier - 120, endHz: carrier + 80,
            amplitude: 1
        ) { u in
            let t = u * length
            let pulse = 0.5 - 0.5 * cos(2 * .pi * buzz * t)
            return min(1, u / 0.15) * min(1, (1 - u) / 0.1) * (0.3 + 0.7 * pulse)
        }
        var offset = length + random.jittered(0.15, variation)
        for _ in 0..<random.integer(1, 5) {
            let frequency = carrier + 80 + 40 * random.normal()
            tone.addTone(
                into: &samples, offset: offset, length: random.jittered(0.035, variation),
                startHz: frequency, endHz: frequency + 50, amplitude: 0.8, envelope: ToneBuilder.hann)
            offset += random.jittered(0.2, variation)
        }
    }

    /// *Limnodynastes tasmaniensis*: 4–12 "uk" clicks at 8–16 per second, each a damped
    /// sinusoid (decay ~6 ms) with a weak second harmonic.
    private static func ukSeries(
        into samples: inout [Float], tone: inout ToneBuilder, carrier: Double, variation: Double,
        random: inout SynthRandom
    ) {
        let clicks = random.integer(4, 12)
        let interval = 1 / random.uniform(8, 16)
        let decay = random.jittered(0.006, variation)
        for k in 0..<clicks {
            let frequency = carrier * (1 + 0.01 * random.normal())
            let start = Double(k) * random.jittered(interval, variation / 3)
            let envelope = ToneBuilder.percussive(attack: 0.04, decay: 0.2)
            tone.addTone(
                into: &samples, offset: start, length: decay * 5, startHz: frequency, endHz: frequency,
                amplitude: 1, envelope: envelope)
            // The harmonic stays out of the box: it is 20 dB down and not what the ear keys on.
            var harmonic = ToneBuilder(rate: Int(tone.rate))
            harmonic.addTone(
                into: &samples, offset: start, length: decay * 5, startHz: 2 * frequency, endHz: 2 * frequency,
                amplitude: 0.1, envelope: envelope)
        }
    }

    /// *Limnodynastes peronii*: one "tok/whuck", 60–120 ms, sweeping up ~25 % from a low
    /// start, percussive, with a weak second harmonic.
    private static func tok(
        into samples: inout [Float], tone: inout ToneBuilder, carrier: Double, variation: Double,
        random: inout SynthRandom
    ) {
        let length = min(0.12, max(0.06, random.jittered(0.09, variation)))
        let envelope = ToneBuilder.percussive(attack: 0.05, decay: 0.3)
        tone.addTone(
            into: &samples, offset: 0, length: length, startHz: carrier * 0.88, endHz: carrier * 1.1,
            amplitude: 1, envelope: envelope)
        var harmonic = ToneBuilder(rate: Int(tone.rate))
        harmonic.addTone(
            into: &samples, offset: 0, length: length, startHz: carrier * 1.76, endHz: carrier * 2.2,
            amplitude: 0.1, envelope: envelope)
    }

    /// `other_frog`: a pulsed trill, 0.3–1.2 s at 20–40 pulses per second, sweeping ±100 Hz.
    private static func trill(
        into samples: inout [Float], tone: inout ToneBuilder, carrier: Double, variation: Double,
        random: inout SynthRandom
    ) {
        let length = min(1.2, max(0.3, random.jittered(0.7, variation * 3)))
        let pulseRate = random.uniform(20, 40)
        tone.addTone(
            into: &samples, offset: 0, length: length, startHz: carrier - 100, endHz: carrier + 100,
            amplitude: 1
        ) { u in
            let pulse = 0.5 - 0.5 * cos(2 * .pi * pulseRate * u * length)
            return min(1, u / 0.1) * min(1, (1 - u) / 0.1) * pulse * pulse
        }
    }
}
