import Foundation
import FrogConfig

/// One epoch's numbers: a `metrics.csv` row, a log line and a TensorBoard step.
public struct EpochRecord: Equatable, Sendable, Codable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean training loss and accuracy over the epoch's batches (with augmentation on).
    public var loss: Double
    public var accuracy: Double
    /// Validation loss, window accuracy and window macro-F1 (at argmax / 0.5).
    public var validationLoss: Double
    public var validationAccuracy: Double
    public var validationMacroF1: Double
    /// Learning rate used during the epoch.
    public var learningRate: Double
    /// Wall-clock seconds of the epoch (training and validation).
    public var seconds: Double

    public init(
        epoch: Int, loss: Double, accuracy: Double, validationLoss: Double, validationAccuracy: Double,
        validationMacroF1: Double, learningRate: Double, seconds: Double
    ) {
        self.epoch = epoch
        self.loss = loss
        self.accuracy = accuracy
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
        self.validationMacroF1 = validationMacroF1
        self.learningRate = learningRate
        self.seconds = seconds
    }

    /// The `metrics.csv` header.
    public static let csvHeader = "epoch,loss,acc,val_loss,val_acc,val_macro_f1,lr,seconds"

    /// This epoch as a `metrics.csv` row.
    public var csvRow: String {
        [String(epoch), fmt(loss), fmt(accuracy), fmt(validationLoss), fmt(validationAccuracy),
         fmt(validationMacroF1), String(format: "%.6g", learningRate), String(format: "%.2f", seconds)]
            .joined(separator: ",")
    }

    /// Parses a `metrics.csv` row written by `csvRow`.
    public init?(csvRow: String) {
        let fields = csvRow.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        guard fields.count == 8, let epoch = Int(fields[0]) else { return nil }
        let numbers = fields.dropFirst().compactMap(Double.init)
        guard numbers.count == 7 else { return nil }
        self.init(
            epoch: epoch, loss: numbers[0], accuracy: numbers[1], validationLoss: numbers[2],
            validationAccuracy: numbers[3], validationMacroF1: numbers[4], learningRate: numbers[5],
            seconds: numbers[6])
    }

    /// The plain log line printed after each epoch.
    public func logLine(totalEpochs: Int) -> String {
        "epoch \(epoch)/\(totalEpochs)  loss \(fmt(loss))  acc \(fmt(accuracy))  "
            + "val_loss \(fmt(validationLoss))  val_acc \(fmt(validationAccuracy))  "
            + "val_macro_f1 \(fmt(validationMacroF1))  lr \(String(format: "%.3g", learningRate))  "
            + String(format: "%.1fs", seconds)
    }

    /// The value of a watched metric.
    public func value(of metric: RunConfig.TrainSection.Metric) -> Double {
        switch metric {
        case .val_loss: return validationLoss
        case .val_acc: return validationAccuracy
        case .val_macro_f1: return validationMacroF1
        }
    }

    /// Scalars for TensorBoard, grouped train vs validation so curves overlay.
    public var scalars: [(tag: String, value: Float)] {
        [("loss/train", Float(loss)), ("loss/validation", Float(validationLoss)),
         ("accuracy/train", Float(accuracy)), ("accuracy/validation", Float(validationAccuracy)),
         ("macro_f1/validation", Float(validationMacroF1)), ("learning_rate", Float(learningRate))]
    }

    private func fmt(_ value: Double) -> String { String(format: "%.4f", value) }
}
