import ArgumentParser
import Foundation
import FrogImage
import FrogPlots

extension Frogscan {
    /// `frogscan plot`: draws a CSV table (a benchmark's summary, a report) as a PNG chart.
    struct Plot: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw a CSV table as a PNG chart (benchmark summaries, reports).",
            subcommands: [Bars.self], defaultSubcommand: Bars.self)

        struct Bars: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Grouped bar chart: one panel per --y column, bars per category and series, ± whiskers.",
                discussion: """
                    One row per category and series. With --error-suffix _sd, the column \
                    <y>_sd gives each bar's whisker (± that value).

                    Example:
                      frogscan plot bars --csv summary.csv --category k --series method \\
                        --y recording_macro_f1 --y presence_macro_f1 --error-suffix _sd --y-max 1 -o transfer.png
                    """)

            @Option(help: "The CSV table to draw.")
            var csv: String
            @Option(help: "Column holding the x-axis categories (in first-seen order).")
            var category: String
            @Option(help: "Column holding the series (one colour each); omit for one series.")
            var series: String?
            @Option(help: "A value column to draw; repeat for more panels side by side.")
            var y: [String] = []
            @Option(help: "Suffix of the whisker columns (<y><suffix>), e.g. _sd.")
            var errorSuffix: String?
            @Option(help: "Title above the panels.")
            var title = ""
            @Option(help: "x-axis label (default: the category column).")
            var xLabel: String?
            @Option(help: "Fix every panel's value axis at 0…this (e.g. 1 for scores); default fits the data.")
            var yMax: Double?
            @Option(name: [.customShort("o"), .customLong("out")], help: "The PNG to write.")
            var out = "plot.png"

            func validate() throws {
                if y.isEmpty { throw ValidationError("give at least one --y column to plot") }
                if let yMax, !(yMax > 0 && yMax.isFinite) { throw ValidationError("--y-max must be a positive number") }
            }

            func run() throws {
                let plot = CSVBarPlot(
                    categoryColumn: category, seriesColumn: series, valueColumns: y, errorSuffix: errorSuffix,
                    title: title, xLabel: xLabel ?? category, yRange: yMax.map { 0...$0 })
                try PNGEncoder.write(try plot.render(csvAt: csv), to: out)
                print("wrote \(out)")
            }
        }
    }
}
