/// Wraps text into lines for help output.
enum TextWrapping {
    /// The width of help output in columns, which fits a standard 80-column terminal.
    static let width = 80

    /// Wraps each paragraph of `text` to `width` columns, indenting every line by `indent` spaces.
    ///
    /// Paragraphs are separated by blank lines. A paragraph whose lines all start with two spaces,
    /// such as a command line or a list of values, is kept as written, only indented.
    static func wrap(_ text: String, indent: Int = 0, width: Int = width) -> [String] {
        var lines: [String] = []
        let paragraphs = text.split(separator: "\n\n", omittingEmptySubsequences: true)
        for (number, paragraph) in paragraphs.enumerated() {
            if number > 0 {
                lines.append("")
            }
            let paragraphLines = paragraph.split(separator: "\n")
            if paragraphLines.allSatisfy({ $0.hasPrefix("  ") }) {
                lines += paragraphLines.map { String(repeating: " ", count: indent) + $0 }
            } else {
                lines += wrapWords(paragraph.split(whereSeparator: \.isWhitespace), indent: indent, width: width)
            }
        }
        return lines
    }

    /// Fills lines word by word; a word longer than the line gets a line of its own.
    static func wrapWords(
        _ words: [Substring], indent: Int, firstLineIndent: Int? = nil, width: Int = width
    ) -> [String] {
        var lines: [String] = []
        var line = String(repeating: " ", count: firstLineIndent ?? indent)
        var lineHasWords = false
        for word in words {
            if lineHasWords && line.count + 1 + word.count > width {
                lines.append(line)
                line = String(repeating: " ", count: indent)
                lineHasWords = false
            }
            line += (lineHasWords ? " " : "") + word
            lineHasWords = true
        }
        if lineHasWords {
            lines.append(line)
        }
        return lines
    }
}
