import Foundation

/// A tidy table of probe results: one row per probe firing, one column per quantity, written as CSV that
/// pandas, R and spreadsheets read directly. Column order is the order in which columns first appear; a
/// quantity missing in a row is an empty cell.
public struct MetricsTable: Sendable, Equatable {
    public private(set) var columns: [MetricColumn] = []
    public private(set) var rows: [[MetricColumn: Double]] = []

    public init() {}

    /// Appends a row (new column names are added at the end, in the row's given order).
    public mutating func append(_ row: [(MetricColumn, Double)]) {
        for (name, _) in row where !columns.contains(name) { columns.append(name) }
        rows.append(Dictionary(row, uniquingKeysWith: { _, last in last }))
    }

    /// All values of a column (NaN where a row lacks it).
    public func column(_ name: MetricColumn) -> [Double] { rows.map { $0[name] ?? .nan } }

    /// The last row's value of a column, if present and finite.
    public func last(_ name: MetricColumn) -> Double? {
        for row in rows.reversed() { if let v = row[name], v.isFinite { return v } }
        return nil
    }

    /// CSV text: a header line, then one line per row; numbers with up to 10 significant digits, `nan`,
    /// `inf` and `-inf` spelled as pandas reads them.
    public var csv: String {
        var lines = [columns.map(\.name).joined(separator: ",")]
        for row in rows {
            lines.append(columns.map { name in row[name].map(MetricsTable.format) ?? "" }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parses CSV written by ``csv``.
    public init(csv text: String) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { return }
        columns = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map { MetricColumn(String($0)) }
        for (i, line) in lines.enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count == columns.count else { throw ExperimentError("metrics CSV line \(i + 2): \(cells.count) cells for \(columns.count) columns") }
            var row: [MetricColumn: Double] = [:]
            for (name, cell) in zip(columns, cells) where !cell.isEmpty {
                guard let v = Double(cell) else { throw ExperimentError("metrics CSV line \(i + 2): '\(cell)' is not a number") }
                row[name] = v
            }
            rows.append(row)
        }
    }

    /// A number as written in result files.
    public static func format(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == v.rounded() && Swift.abs(v) < 1e15 { return String(Int64(v)) }
        return String(format: "%.10g", v)
    }
}
