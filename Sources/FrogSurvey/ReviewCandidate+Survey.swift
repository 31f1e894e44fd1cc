import Foundation
import FrogDetect
import FrogReview

extension ReviewCandidate {
    /// Candidates from a survey database, opened read-only: the detections of `modelID` (nil:
    /// the model of the latest run). Recording paths are stored relative to the survey root, so
    /// `root` is where the recorder cards are; nights follow `config`.
    public static func fromSurvey(
        database path: String, root: URL, modelID requested: String?, config: SurveyConfig
    ) throws -> [ReviewCandidate] {
        let database = try SurveyDatabase.openForReading(path: path)
        let time = config.time
        let (modelID, stored) = try database.reviewDetections(modelID: requested)
        return stored.map { d in
            let detection = Detection(
                file: root.appendingPathComponent(d.path).path, channel: d.channel == 0 ? nil : d.channel,
                start: d.start, end: d.end, species: d.species,
                confidence: Float(d.confidence), meanConfidence: Float(d.meanConfidence))
            let moment = d.recordingStart?.addingTimeInterval(d.start)
            let record = DetectionRecord(
                detection: detection, site: d.site, startTime: moment.map { time.localTimestamp($0) },
                modelID: modelID, threshold: 0, windowSeconds: 0, overlap: 0)
            return ReviewCandidate(record: record, night: moment.map { time.night(of: $0) })
        }
    }
}
