/// Lays out rows of text in aligned columns separated by two spaces.
struct TextTable {
    enum Alignment {
        case left
        case right
    }

    let alignments: [Alignment]
    private(set) var rows: [[String]] = []

    init(header: [String], alignments: [Alignment]) {
        precondition(header.count == alignments.count, "every column needs an alignment")
        self.alignments = alignments
        rows.append(header)
    }

    mutating func append(_ row: [String]) {
        precondition(row.count == alignments.count, "every row has one cell per column")
        rows.append(row)
    }

    /// Returns the table's lines; the last column is not padded, so lines have no trailing spaces.
    func lines() -> [String] {
        let widths = alignments.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                let isLast = column == row.count - 1
                switch alignments[column] {
                case .left: line += cell + (isLast ? "" : padding)
                case .right: line += padding + cell
                }
                if !isLast {
                    line += "  "
                }
            }
            return line
        }
    }
}

/// Lays out `label  value` lines with the values aligned, for summaries such as `stats`.
func alignedLines(_ entries: [(label: String, value: String)]) -> [String] {
    let width = entries.map(\.label.count).max() ?? 0
    return entries.map { $0.label + String(repeating: " ", count: width - $0.label.count + 2) + $0.value }
}
