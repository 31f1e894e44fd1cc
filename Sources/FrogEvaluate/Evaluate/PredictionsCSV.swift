import Foundation
import FrogCore
import FrogData

/// `predictions.csv`: one row per window with its clip name, recording, true class and every
/// class's score, for error analysis in a spreadsheet or R.
public enum PredictionsCSV {
    public static func text(classes: [String], windows: [Example], scores: [[Float]]) -> String {
        var table = CSVTable(columns: ["clip", "recording", "truth"] + classes)
        for (window, row) in zip(windows, scores) {
            table.append(
                [window.clipName, window.recording, window.presentClasses.map { classes[$0] }.joined(separator: ";")]
                    + row.map { String(format: "%.5f", $0) })
        }
        return table.text
    }
}
