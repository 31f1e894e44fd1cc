import FrogImage

/// `curves.png`: loss and accuracy per epoch, training vs validation, side by side.
public enum TrainingCurves {
    public static func write(_ records: [EpochRecord], to path: String) throws {
        let epochs = records.map { Double($0.epoch) }
        let loss = LineChart(
            title: "Loss", xLabel: "epoch", yLabel: "loss",
            series: [
                .init(name: "train", x: epochs, y: records.map(\.loss)),
                .init(name: "validation", x: epochs, y: records.map(\.validationLoss)),
            ], showsMarkers: records.count < 20)
        let accuracy = LineChart(
            title: "Accuracy", xLabel: "epoch", yLabel: "accuracy",
            series: [
                .init(name: "train", x: epochs, y: records.map(\.accuracy)),
                .init(name: "validation", x: epochs, y: records.map(\.validationAccuracy)),
                .init(name: "val macro-F1", x: epochs, y: records.map(\.validationMacroF1)),
            ], yRange: 0...1, showsMarkers: records.count < 20)
        let image = ImageGrid(columns: 2).render([.init(image: loss.render()), .init(image: accuracy.render())])
        try PNGEncoder.write(image, to: path)
    }
}
