import FrogImage
import FrogPlots
import XCTest

/// `CSVBarPlot` (`frogscan plot bars`): panels per value column, series as colours, whiskers from
/// `<value><suffix>` columns, and errors that name the file and line.
final class PlotTests: XCTestCase {
    let table = """
        k,method,f1,f1_sd,presence,presence_sd
        1,scratch,0.40,0.05,0.30,0.10
        1,transfer,0.60,0.04,0.50,0.08
        all,scratch,0.85,0.02,0.80,0.03
        all,transfer,0.88,0.01,0.83,0.02

        """

    func testOnePanelPerValueColumnWithSeriesColours() throws {
        let one = try CSVBarPlot(categoryColumn: "k", seriesColumn: "method", valueColumns: ["f1"], errorSuffix: "_sd")
            .render(csvText: table, source: "t.csv")
        let two = try CSVBarPlot(categoryColumn: "k", seriesColumn: "method", valueColumns: ["f1", "presence"],
                                 errorSuffix: "_sd", title: "Transfer", yRange: 0...1)
            .render(csvText: table, source: "t.csv")
        XCTAssertGreaterThan(two.width, one.width * 3 / 2, "panels side by side")
        XCTAssertGreaterThan(two.height, one.height, "the title row")
        func count(_ color: RGB, _ raster: Raster) -> Int {
            var n = 0
            for y in 0..<raster.height { for x in 0..<raster.width where raster.get(x: x, y: y) == color { n += 1 } }
            return n
        }
        XCTAssertGreaterThan(count(Palette.series(0), one), 300, "scratch bars")
        XCTAssertGreaterThan(count(Palette.series(1), one), 300, "transfer bars")
    }

    func testErrorsNameTheFileAndLine() {
        let plot = CSVBarPlot(categoryColumn: "k", seriesColumn: "method", valueColumns: ["f1"], errorSuffix: "_sd")
        XCTAssertThrowsError(try CSVBarPlot(categoryColumn: "k", valueColumns: ["recall"]).render(csvText: table, source: "t.csv")) {
            XCTAssertTrue("\($0)".hasPrefix("t.csv:1: no 'recall' column (columns: k, method"), "\($0)")
        }
        let bad = table.replacingOccurrences(of: "0.60,0.04", with: "n/a,0.04")
        XCTAssertThrowsError(try plot.render(csvText: bad, source: "t.csv")) {
            XCTAssertEqual("\($0)", "t.csv:3: 'f1' is 'n/a', not a number")
        }
        // Without a series column two rows share category 1: a summary is needed.
        XCTAssertThrowsError(try CSVBarPlot(categoryColumn: "k", valueColumns: ["f1"]).render(csvText: table, source: "t.csv")) {
            XCTAssertTrue("\($0)".hasPrefix("t.csv:3: a second row for 1;"), "\($0)")
        }
        XCTAssertThrowsError(try plot.render(csvText: "k,method,f1,f1_sd\n", source: "e.csv")) {
            XCTAssertEqual("\($0)", "e.csv: no rows to plot")
        }
    }
}
