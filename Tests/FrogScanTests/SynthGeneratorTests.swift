import Foundation
import FrogSynth
import XCTest

/// The generator's contract: deterministic, calls inside the file and its band, rates as set.
final class SynthGeneratorTests: XCTestCase {
    private func shortConfig(seconds: Double = 20, rate: Int = 16_000) -> SynthConfig {
        var config = SynthConfig()
        config.seconds = seconds
        config.sampleRate = rate
        return config
    }

    func testSameSeedSameRecordingOtherSeedDiffers() {
        let generator = ChorusGenerator(config: shortConfig())
        let a = generator.generate(seed: 11)
        let b = generator.generate(seed: 11)
        let c = generator.generate(seed: 12)
        XCTAssertEqual(a.samples, b.samples)
        XCTAssertEqual(a.events, b.events)
        XCTAssertNotEqual(a.samples, c.samples)
    }

    /// `call_gap_seconds`: no two calls closer than the gap; without it the default chorus has
    /// overlaps (so the check can fail), and the calls found room for are most of those drawn.
    func testCallGapKeepsCallsApart() throws {
        var config = shortConfig(seconds: 30)
        func closest(_ events: [SynthEvent]) -> Double {
            zip(events, events.dropFirst()).map { pair in
                // Sorted by start: the next call's start minus the latest end so far is the gap.
                pair.1.start - events.filter { $0.start <= pair.0.start }.map(\.end).max()!
            }.min() ?? .infinity
        }
        let free = (1...4).map { ChorusGenerator(config: config).generate(seed: $0).events }
        XCTAssertLessThan(free.map(closest).min()!, 0, "default calls overlap")
        config.callGapSeconds = 0.5
        try config.validate()
        var kept = 0
        for seed: UInt64 in 1...4 {
            let events = ChorusGenerator(config: config).generate(seed: seed).events
            kept += events.count
            XCTAssertGreaterThanOrEqual(closest(events), 0.5 - 1e-9, "seed \(seed)")
        }
        XCTAssertGreaterThan(kept, free.joined().count * 6 / 10)
        config.callGapSeconds = -1
        XCTAssertThrowsError(try config.validate())
    }

    func testEventsLieInsideTheFileAndBelowNyquist() {
        let config = shortConfig()
        for seed: UInt64 in 1...5 {
            let recording = ChorusGenerator(config: config).generate(seed: seed)
            XCTAssertEqual(recording.samples.count, 20 * 16_000)
            XCTAssertLessThanOrEqual(recording.samples.map(abs).max()!, 1)
            for e in recording.events {
                XCTAssertGreaterThanOrEqual(e.start, 0)
                XCTAssertGreaterThan(e.end, e.start)
                XCTAssertLessThanOrEqual(e.end, 20)
                XCTAssertGreaterThanOrEqual(e.lowHz, 0)
                XCTAssertGreaterThan(e.highHz, e.lowHz)
                XCTAssertLessThanOrEqual(e.highHz, 8_000)
            }
            XCTAssertEqual(recording.events, recording.events.sorted { $0.start < $1.start })
        }
    }

    /// Over 10 simulated minutes the count per class is Poisson around calls_per_minute × 10:
    /// within 4 standard deviations (a false failure once in ~16,000 runs per class).
    func testCountsPerClassFollowTheConfig() {
        var config = shortConfig(seconds: 60, rate: 12_000)
        config.species[SynthSpecies.otherFrog.label]?.callsPerMinute = 0
        config.species[SynthSpecies.criniaSignifera.label]?.callsPerMinute = 10
        // Counting needs no background beyond the floor; this keeps the test quick.
        config.crickets = [0, 0]
        config.rainProbability = 0
        config.windProbability = 0
        config.trafficProbability = 0
        var counts: [SynthSpecies: Int] = [:]
        for seed: UInt64 in 1...10 {
            for e in ChorusGenerator(config: config).generate(seed: seed).events { counts[e.species, default: 0] += 1 }
        }
        XCTAssertNil(counts[.otherFrog], "a rate of 0 means absent")
        for species in SynthSpecies.allCases where species != .otherFrog {
            let mean = config.settings(for: species).callsPerMinute * 10
            XCTAssertEqual(Double(counts[species] ?? 0), mean, accuracy: 4 * mean.squareRoot(), species.label)
        }
    }

    func testActivityZeroSilencesASpecies() {
        let recording = ChorusGenerator(config: shortConfig()).generate(
            seed: 5, activity: [.litoriaFallax: 0, .criniaSignifera: 3])
        XCTAssertFalse(recording.events.contains { $0.species == .litoriaFallax })
        XCTAssertTrue(recording.events.contains { $0.species == .criniaSignifera })
    }
}
