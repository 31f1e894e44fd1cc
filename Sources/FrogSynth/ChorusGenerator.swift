import Foundation
import FrogData

/// One call placed in a synthetic recording: the ground truth for its box.
public struct SynthEvent: Equatable, Sendable {
    public var species: SynthSpecies
    /// Seconds from the start of the recording.
    public var start: Double
    public var end: Double
    /// The call's dominant band, Hz.
    public var lowHz: Double
    public var highHz: Double

    /// As an annotation of `file` (class name in `label`).
    public func annotation(file: String) -> Annotation {
        Annotation(file: file, start: start, end: end, label: species.label, lowHz: lowHz, highHz: highHz, channel: 1)
    }
}

/// A synthetic recording and its ground truth, before it is written anywhere.
public struct SynthRecording: Sendable {
    /// Mono samples in [-1, 1].
    public var samples: [Float]
    public var sampleRate: Int
    /// Calls in order of their start.
    public var events: [SynthEvent]
}

/// Mixes calls of the five classes over field noise, as configured. Deterministic: the same
/// config and seed give the same samples and events.
public struct ChorusGenerator: Sendable {
    public var config: SynthConfig

    public init(config: SynthConfig) { self.config = config }

    /// One recording of `config.seconds` at `config.sampleRate`. `activity` scales each
    /// species' calling rate (0 = absent), as the survey tree does per site and night.
    public func generate(seed: UInt64, activity: [SynthSpecies: Double] = [:]) -> SynthRecording {
        var random = SynthRandom(seed: seed)
        return generate(random: &random, activity: activity)
    }

    /// `weather`, when given, fixes the recording's rain and wind (a survey night's weather)
    /// instead of drawing them per recording.
    /// `muted` species draw their calls as usual but are left out of the audio and the events:
    /// silencing a species then changes no other species' calls (they share one random stream).
    func generate(
        random: inout SynthRandom, activity: [SynthSpecies: Double], weather: RecordingWeather? = nil,
        muted: Set<SynthSpecies> = []
    ) -> SynthRecording {
        let rate = config.sampleRate
        let frames = Int((config.seconds * Double(rate)).rounded())
        // Separate streams for calls and noise, so changing a noise setting keeps the calls.
        var callRandom = random.split()
        var noiseRandom = random.split()
        var mix = [Float](repeating: 0, count: frames)
        var events: [SynthEvent] = []
        for species in SynthSpecies.allCases {
            let settings = config.settings(for: species)
            let mean = settings.callsPerMinute * (activity[species] ?? 1) * config.seconds / 60
            for _ in 0..<callRandom.poisson(mean) {
                let event = placeCall(
                    species, settings: settings, avoiding: events, into: &mix, muted: muted.contains(species),
                    random: &callRandom)
                if let event {
                    events.append(event)
                }
            }
        }
        addNoise(into: &mix, weather: weather, random: &noiseRandom)
        // Rarely, overlapping loud calls exceed full scale: scale the whole file down rather
        // than clip, so the ground truth's bands stay clean.
        let peak = mix.reduce(Float(0)) { max($0, abs($1)) }
        if peak > 0.98 { for i in mix.indices { mix[i] *= 0.98 / peak } }
        events.sort { ($0.start, $0.species.rawValue) < ($1.start, $1.species.rawValue) }
        return SynthRecording(samples: mix, sampleRate: rate, events: events)
    }

    /// Renders one call at a random time and distance and adds it to `mix`; nil if the
    /// recording is too short to hold it, with `call_gap_seconds` when no draw keeps that gap
    /// to the calls already `placed`, or if `muted` (after the same random draws; with a gap a
    /// muted species frees its slots, so the others' placement may differ).
    private func placeCall(
        _ species: SynthSpecies, settings: SynthConfig.Species, avoiding placed: [SynthEvent],
        into mix: inout [Float], muted: Bool, random: inout SynthRandom
    ) -> SynthEvent? {
        let rate = config.sampleRate
        var call = CallModels.render(
            species, settings: settings, variation: config.variation, rate: rate, random: &random)
        let loss = random.value(in: config.distanceLossDB)
        let span = config.distanceLossDB[1] - config.distanceLossDB[0]
        let farness = span > 0 ? (loss - config.distanceLossDB[0]) / span : 0
        let cutoff = config.nearCutoffHz + (config.farCutoffHz - config.nearCutoffHz) * farness
        if cutoff < Double(rate) / 2 { SynthSignal.lowPass(&call.samples, cutoffHz: cutoff, rate: rate) }
        let gain = Float(pow(10, (random.value(in: config.callLevelDB) - loss) / 20))
        let length = call.samples.count
        // A 50 ms margin keeps every call wholly inside the file.
        let margin = Int(0.05 * Double(rate))
        guard mix.count - length - 2 * margin > 0 else { return nil }
        var offset = margin + Int(random.uniform() * Double(mix.count - length - 2 * margin))
        if config.callGapSeconds > 0 {
            let gap = config.callGapSeconds
            func clear(_ start: Int) -> Bool {
                let begin = Double(start) / Double(rate), end = Double(start + length) / Double(rate)
                return placed.allSatisfy { end + gap <= $0.start || begin >= $0.end + gap }
            }
            var tries = 1
            while !clear(offset) {
                guard tries < 20 else { return nil }
                offset = margin + Int(random.uniform() * Double(mix.count - length - 2 * margin))
                tries += 1
            }
        }
        if muted { return nil }
        for i in 0..<length { mix[offset + i] += gain * call.samples[i] }
        return SynthEvent(
            species: species, start: Double(offset) / Double(rate),
            end: Double(offset + length) / Double(rate), lowHz: call.lowHz,
            highHz: min(call.highHz, Double(rate) / 2))
    }

    private func addNoise(into mix: inout [Float], weather: RecordingWeather?, random: inout SynthRandom) {
        let frames = mix.count
        let rate = config.sampleRate
        var layers = [FieldNoise.floor(frames: frames, rate: rate, levelDB: config.noiseFloorDB, random: &random)]
        for _ in 0..<random.integer(config.crickets[0], config.crickets[1]) {
            layers.append(FieldNoise.cricket(
                frames: frames, rate: rate, levelDB: random.value(in: config.cricketLevelDB), random: &random))
        }
        if let weather {
            if let level = weather.rainDB {
                layers.append(FieldNoise.rain(frames: frames, rate: rate, levelDB: level, random: &random))
            }
            if let level = weather.windDB {
                layers.append(FieldNoise.wind(frames: frames, rate: rate, levelDB: level, random: &random))
            }
        } else {
            // Without a night's weather (`writeSet`), each recording draws its own; this order
            // of draws is what the bundled recordings were made with.
            if random.chance(config.rainProbability) {
                layers.append(FieldNoise.rain(
                    frames: frames, rate: rate, levelDB: random.value(in: config.rainLevelDB), random: &random))
            }
            if random.chance(config.windProbability) {
                layers.append(FieldNoise.wind(
                    frames: frames, rate: rate, levelDB: random.value(in: config.windLevelDB), random: &random))
            }
        }
        if random.chance(config.trafficProbability) {
            layers.append(FieldNoise.traffic(
                frames: frames, rate: rate, levelDB: random.value(in: config.trafficLevelDB), random: &random))
        }
        for layer in layers {
            for i in 0..<frames { mix[i] += layer[i] }
        }
    }
}
