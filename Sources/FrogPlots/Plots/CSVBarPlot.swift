import Foundation
import FrogData
import FrogImage

/// A grouped bar chart of a CSV table (`frogscan plot bars`): one panel per value column, one
/// group of bars per category, one colour per series, optional ± whiskers from a sibling column
/// (`<value><error suffix>`, e.g. `recording_macro_f1_sd`). Benchmarks use it so their figures
/// are drawn by frogscan from the table they print.
public struct CSVBarPlot: Sendable {
    /// Column whose values are the x-axis categories, in first-seen order.
    public var categoryColumn: String
    /// Column whose values are the coloured series; nil draws one series.
    public var seriesColumn: String?
    /// One panel per column, side by side.
    public var valueColumns: [String]
    /// With a suffix, `<value><suffix>` columns give the whiskers.
    public var errorSuffix: String?
    public var title: String
    public var xLabel: String
    /// A fixed value axis for every panel; nil fits each panel's data.
    public var yRange: ClosedRange<Double>?

    public init(
        categoryColumn: String, seriesColumn: String? = nil, valueColumns: [String], errorSuffix: String? = nil,
        title: String = "", xLabel: String = "", yRange: ClosedRange<Double>? = nil
    ) {
        self.categoryColumn = categoryColumn
        self.seriesColumn = seriesColumn
        self.valueColumns = valueColumns
        self.errorSuffix = errorSuffix
        self.title = title
        self.xLabel = xLabel
        self.yRange = yRange
    }

    /// Reads `path` and draws the panels (the title above them).
    public func render(csvAt path: String) throws -> Raster {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw PlotError.unreadable(path: path, reason: error.localizedDescription)
        }
        return try render(csvText: text, source: path)
    }

    /// Draws the panels from CSV text; `source` names it in errors.
    public func render(csvText: String, source: String) throws -> Raster {
        guard !valueColumns.isEmpty else { throw PlotError.noValueColumns }
        let records = try CSVRecords.parse(csvText, source: source)
        guard let header = records.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces) }) else {
            throw PlotError.empty(source)
        }
        func index(_ column: String) throws -> Int {
            guard let i = header.firstIndex(of: column) else {
                throw PlotError.missingColumn(source: source, column: column, header: header)
            }
            return i
        }
        let categoryIndex = try index(categoryColumn)
        let seriesIndex = try seriesColumn.map(index)
        let rows = records.dropFirst().filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard !rows.isEmpty else { throw PlotError.empty(source) }

        func field(_ record: CSVRecord, _ i: Int) -> String {
            i < record.fields.count ? record.fields[i].trimmingCharacters(in: .whitespaces) : ""
        }
        var categories: [String] = []
        var series: [String] = []
        for row in rows {
            let category = field(row, categoryIndex)
            if !categories.contains(category) { categories.append(category) }
            let name = seriesIndex.map { field(row, $0) } ?? ""
            if !series.contains(name) { series.append(name) }
        }

        var panels: [ImageGrid.Tile] = []
        for column in valueColumns {
            let valueIndex = try index(column)
            let errorIndex = try errorSuffix.map { try index(column + $0) }
            var values = Array(repeating: Array(repeating: Double.nan, count: categories.count), count: series.count)
            var errors = values
            for row in rows {
                let c = categories.firstIndex(of: field(row, categoryIndex))!
                let s = series.firstIndex(of: seriesIndex.map { field(row, $0) } ?? "")!
                func number(_ i: Int, _ name: String) throws -> Double {
                    let text = field(row, i)
                    guard let value = Double(text) else {
                        throw PlotError.notANumber(location: "\(source):\(row.line)", column: name, text: text)
                    }
                    return value
                }
                guard values[s][c].isNaN else {
                    throw PlotError.duplicate(location: "\(source):\(row.line)", category: categories[c], series: series[s])
                }
                values[s][c] = try number(valueIndex, column)
                if let errorIndex { errors[s][c] = try number(errorIndex, column + (errorSuffix ?? "")) }
            }
            let chart = BarChart(
                title: column, xLabel: xLabel, yLabel: column, categories: categories,
                groups: series.indices.map {
                    BarChart.Group(name: series[$0], values: values[$0], errors: errorIndex == nil ? [] : errors[$0])
                },
                width: 560, height: 380, yRange: yRange)
            panels.append(.init(image: chart.render()))
        }
        let grid = ImageGrid(columns: panels.count).render(panels)
        guard !title.isEmpty else { return grid }
        var raster = Raster(width: grid.width, height: grid.height + 24, fill: Palette.white)
        raster.drawText(title, x: 8, y: 8, color: Palette.black, scale: 1)
        raster.draw(grid, x: 0, y: 24)
        return raster
    }
}

/// Why a CSV cannot be plotted, naming the file (and line) and what to do.
public enum PlotError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case empty(String)
    case noValueColumns
    case missingColumn(source: String, column: String, header: [String])
    case notANumber(location: String, column: String, text: String)
    case duplicate(location: String, category: String, series: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot read (\(reason))"
        case .empty(let source): return "\(source): no rows to plot"
        case .noValueColumns: return "give at least one --y column to plot"
        case .missingColumn(let source, let column, let header):
            return "\(source):1: no '\(column)' column (columns: \(header.joined(separator: ", ")))"
        case .notANumber(let location, let column, let text):
            return "\(location): '\(column)' is '\(text)', not a number"
        case .duplicate(let location, let category, let series):
            return "\(location): a second row for \(category)\(series.isEmpty ? "" : " / \(series)"); "
                + "plot a summary with one row per category and series"
        }
    }
}
