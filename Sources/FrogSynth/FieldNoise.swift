import Foundation

/// The backgrounds of a night recording at a pond: a broadband floor, cricket trills, rain,
/// wind and distant traffic. Each component is generated whole, scaled to its RMS level, then
/// added, so levels in the config are what ends up in the file.
enum FieldNoise {
    /// Broadband floor: white noise tilted towards low frequencies (half through a 1 kHz
    /// low-pass), like a recorder's self-noise plus distant ambience.
    static func floor(frames: Int, rate: Int, levelDB: Double, random: inout SynthRandom) -> [Float] {
        var white = (0..<frames).map { _ in Float(random.normal()) }
        var low = white
        SynthSignal.lowPass(&low, cutoffHz: 1_000, rate: rate)
        for i in white.indices { white[i] = 0.5 * white[i] + 4 * low[i] }
        SynthSignal.scale(&white, toRMSdB: levelDB)
        return white
    }

    /// A cricket: a continuous trill of 25–60 pulses per second on a 4–6 kHz carrier, with
    /// short pauses every few seconds and a slow drift in pitch.
    static func cricket(frames: Int, rate: Int, levelDB: Double, random: inout SynthRandom) -> [Float] {
        let carrier = random.uniform(4_000, min(6_000, Double(rate) * 0.45))
        let pulseRate = random.uniform(25, 60)
        let duty = random.uniform(0.4, 0.7)
        var out = [Float](repeating: 0, count: frames)
        var phase = 0.0
        var pulsePhase = 0.0
        var pauseUntil = 0
        var nextPause = Int(random.uniform(2, 8) * Double(rate))
        for i in 0..<frames {
            if i == nextPause {
                pauseUntil = i + Int(random.uniform(0.2, 1.0) * Double(rate))
                nextPause = pauseUntil + Int(random.uniform(2, 8) * Double(rate))
            }
            let t = Double(i) / Double(rate)
            let frequency = carrier * (1 + 0.01 * sin(2 * .pi * 0.05 * t))
            phase += 2 * .pi * frequency / Double(rate)
            pulsePhase += pulseRate / Double(rate)
            if i < pauseUntil { continue }
            let u = pulsePhase - pulsePhase.rounded(.down)
            guard u < duty else { continue }
            out[i] = Float(sin(phase) * (0.5 - 0.5 * cos(2 * .pi * u / duty)))
        }
        SynthSignal.scale(&out, toRMSdB: levelDB)
        return out
    }

    /// Rain: high-passed hiss whose intensity wanders, plus drop impacts (short noise bursts).
    static func rain(frames: Int, rate: Int, levelDB: Double, random: inout SynthRandom) -> [Float] {
        var hiss = (0..<frames).map { _ in Float(random.normal()) }
        var low = hiss
        SynthSignal.lowPass(&low, cutoffHz: 500, rate: rate)
        let swell = SlowEnvelope(random: &random, low: 0.5, high: 1)
        for i in hiss.indices {
            hiss[i] = (hiss[i] - low[i]) * Float(swell.value(at: Double(i) / Double(rate)))
        }
        let drops = random.poisson(random.uniform(30, 150) * Double(frames) / Double(rate))
        for _ in 0..<drops {
            let start = Int(random.uniform() * Double(frames))
            let amplitude = Float(random.uniform(1, 6))
            let length = Int(random.uniform(0.001, 0.003) * Double(rate))
            for k in 0..<length where start + k < frames {
                hiss[start + k] += amplitude * Float(random.normal()) * Float(exp(-Double(k) / Double(max(1, length / 3))))
            }
        }
        SynthSignal.scale(&hiss, toRMSdB: levelDB)
        return hiss
    }

    /// Wind: noise through two low-passes at ~120 Hz (rumble on the microphone), in gusts.
    static func wind(frames: Int, rate: Int, levelDB: Double, random: inout SynthRandom) -> [Float] {
        var out = (0..<frames).map { _ in Float(random.normal()) }
        let cutoff = random.uniform(80, 160)
        SynthSignal.lowPass(&out, cutoffHz: cutoff, rate: rate)
        SynthSignal.lowPass(&out, cutoffHz: cutoff, rate: rate)
        let gusts = SlowEnvelope(random: &random, low: 0.1, high: 1)
        for i in out.indices { out[i] *= Float(gusts.value(at: Double(i) / Double(rate))) }
        SynthSignal.scale(&out, toRMSdB: levelDB)
        return out
    }

    /// Distant traffic: an engine hum (40–120 Hz and harmonics falling off as 1/k) over
    /// low-passed rumble, swelling as vehicles pass.
    static func traffic(frames: Int, rate: Int, levelDB: Double, random: inout SynthRandom) -> [Float] {
        let hum = random.uniform(40, 120)
        var out = (0..<frames).map { _ in Float(random.normal()) }
        SynthSignal.lowPass(&out, cutoffHz: 200, rate: rate)
        let passing = SlowEnvelope(random: &random, low: 0.2, high: 1)
        for i in out.indices {
            let t = Double(i) / Double(rate)
            var tone = 0.0
            for k in 1...5 { tone += sin(2 * .pi * hum * Double(k) * t) / Double(k) }
            out[i] = Float((0.05 * tone + Double(out[i]) * 4) * passing.value(at: t))
        }
        SynthSignal.scale(&out, toRMSdB: levelDB)
        return out
    }
}

/// A smooth random level between `low` and `high`, varying over seconds (sum of a few slow
/// sinusoids with random periods and phases), for rain intensity, gusts and passing cars.
struct SlowEnvelope {
    private var components: [(frequency: Double, phase: Double)] = []
    private let low: Double
    private let high: Double

    init(random: inout SynthRandom, low: Double, high: Double) {
        self.low = low
        self.high = high
        for _ in 0..<3 {
            components.append((random.uniform(0.02, 0.3), random.uniform(0, 2 * .pi)))
        }
    }

    func value(at seconds: Double) -> Double {
        var sum = 0.0
        for c in components { sum += sin(2 * .pi * c.frequency * seconds + c.phase) }
        let unit = (sum / Double(components.count) + 1) / 2  // 0…1
        return low + (high - low) * unit
    }
}
