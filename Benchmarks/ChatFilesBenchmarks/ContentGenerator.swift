/// The kinds of file an AI chat generates, with the extension the store infers its type from.
enum ContentKind: String, CaseIterable, Sendable, Codable {
    case python, markdown, csv, json, text
    /// Random bytes that do not compress.
    case binary

    var fileExtension: String {
        switch self {
        case .python: "py"
        case .markdown: "md"
        case .csv: "csv"
        case .json: "json"
        case .text: "txt"
        case .binary: "bin"
        }
    }

    /// Kinds of a folder's files, from their extension.
    init(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "py": self = .python
        case "md", "markdown": self = .markdown
        case "csv": self = .csv
        case "json", "jsonl": self = .json
        case "txt", "text", "log": self = .text
        default: self = .binary
        }
    }
}

/// Builds content shaped like generated files: code, Markdown, CSV, JSON and prose made from a fixed
/// vocabulary with skewed word frequencies, so that zlib finds the redundancy it finds in real text.
struct ContentGenerator {
    private var random: SeededGenerator
    private var output: [UInt8] = []
    /// The last id and day of the CSV file being generated.
    private var csvRow = 0
    private var csvDay = 0

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    /// Returns `size` bytes of `kind` content.
    mutating func make(_ kind: ContentKind, size: Int) -> [UInt8] {
        output = []
        output.reserveCapacity(size + 4096)
        while output.count < size {
            switch kind {
            case .python: appendPythonBlock()
            case .markdown: appendMarkdownBlock()
            case .csv: appendCSVBlock()
            case .json: appendJSONBlock()
            case .text: appendParagraph()
            case .binary: appendRandomBytes(size - output.count)
            }
        }
        output.removeLast(output.count - size)
        return output
    }

    // MARK: Building blocks

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    private mutating func append(_ bytes: [UInt8]) {
        output.append(contentsOf: bytes)
    }

    private mutating func appendWord() {
        append(Vocabulary.words[random.skewedIndex(Vocabulary.words.count)])
    }

    private mutating func appendIdentifier(parts: Int) {
        for part in 0..<parts {
            if part > 0 { output.append(UInt8(ascii: "_")) }
            append(Vocabulary.identifiers[random.skewedIndex(Vocabulary.identifiers.count)])
        }
    }

    private mutating func appendNumber(_ value: Int) {
        appendDecimal(value, minimumDigits: 1)
    }

    /// Appends a non-negative integer in decimal, zero-padded to `minimumDigits`.
    private mutating func appendDecimal(_ value: Int, minimumDigits: Int) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        for _ in digits.count..<max(minimumDigits, digits.count) {
            output.append(UInt8(ascii: "0"))
        }
        output.append(contentsOf: digits.reversed())
    }

    /// Appends `cents / 100` with two decimals.
    private mutating func appendMoney(cents: Int) {
        appendNumber(cents / 100)
        output.append(UInt8(ascii: "."))
        appendDecimal(cents % 100, minimumDigits: 2)
    }

    private mutating func appendDate() {
        append("202")
        appendNumber(random.within(3...6))
        output.append(UInt8(ascii: "-"))
        appendDecimal(random.within(1...12), minimumDigits: 2)
        output.append(UInt8(ascii: "-"))
        appendDecimal(random.within(1...28), minimumDigits: 2)
    }

    private mutating func appendSentence() {
        let count = random.within(6...18)
        for index in 0..<count {
            if index > 0 { output.append(UInt8(ascii: " ")) }
            let start = output.count
            appendWord()
            if index == 0, output[start] >= UInt8(ascii: "a") {
                output[start] -= 32
            }
        }
        output.append(UInt8(ascii: "."))
    }

    private mutating func appendParagraph() {
        for index in 0..<random.within(2...6) {
            if index > 0 { output.append(UInt8(ascii: " ")) }
            appendSentence()
        }
        append("\n\n")
    }

    private mutating func appendRandomBytes(_ count: Int) {
        for _ in 0..<(count + 7) / 8 {
            withUnsafeBytes(of: random.next()) { output.append(contentsOf: $0) }
        }
    }

    // MARK: Kinds

    private mutating func appendPythonBlock() {
        switch random.below(4) {
        case 0:
            append("import ")
            append(Vocabulary.modules[random.below(Vocabulary.modules.count)])
            append("\nfrom typing import Any, Dict, List, Optional\n\n")
            appendIdentifier(parts: 2)
            append(" = ")
            appendNumber(random.within(1...1000))
            append("\n\n\n")
        case 1:
            append("class ")
            for _ in 0..<2 {
                let start = output.count
                appendIdentifier(parts: 1)
                output[start] -= 32
            }
            append(":\n    \"\"\"")
            appendSentence()
            append("\"\"\"\n\n    def __init__(self, ")
            appendIdentifier(parts: 1)
            append(": int = ")
            appendNumber(random.within(0...100))
            append(") -> None:\n        self.")
            appendIdentifier(parts: 2)
            append(" = []\n        self.")
            appendIdentifier(parts: 1)
            append(" = {}\n\n")
        default:
            append("def ")
            appendIdentifier(parts: 2)
            append("(")
            appendIdentifier(parts: 1)
            append(", ")
            appendIdentifier(parts: 2)
            append("=None):\n    \"\"\"")
            appendSentence()
            append("\"\"\"\n    result = []\n")
            for _ in 0..<random.within(1...4) {
                append("    for item in ")
                appendIdentifier(parts: 1)
                append(":\n        if item.")
                appendIdentifier(parts: 1)
                append(" > ")
                appendNumber(random.within(0...500))
                append(":\n            result.append(item.")
                appendIdentifier(parts: 2)
                append(")\n        # ")
                appendSentence()
                append("\n")
            }
            append("    return result\n\n\n")
        }
    }

    private mutating func appendMarkdownBlock() {
        switch random.below(5) {
        case 0:
            append("## ")
            appendSentence()
            append("\n\n")
        case 1:
            for _ in 0..<random.within(3...8) {
                append(random.chance(0.5) ? "- [x] " : "- [ ] ")
                appendSentence()
                append("\n")
            }
            append("\n")
        case 2:
            append("| Metric | Value | Change |\n|---|---:|---:|\n")
            for _ in 0..<random.within(3...8) {
                append("| ")
                appendIdentifier(parts: 2)
                append(" | ")
                appendMoney(cents: random.within(0...10_000_000))
                append(" | ")
                appendNumber(random.within(0...99))
                append("% |\n")
            }
            append("\n")
        case 3:
            append("```python\n")
            appendPythonBlock()
            append("```\n\n")
        default:
            appendParagraph()
        }
    }

    /// Rows of a sales export: increasing ids and dates, a product catalogue with fixed prices, and
    /// customers and regions that recur, as in a real export.
    private mutating func appendCSVBlock() {
        if output.isEmpty {
            append("id,date,customer,region,product,quantity,unit_price,total,status\n")
            csvRow = random.within(1...90_000)
            csvDay = random.within(0...300)
        }
        for _ in 0..<16 {
            csvRow += 1
            if random.chance(0.2) { csvDay += 1 }
            appendNumber(csvRow)
            append(",2026-")
            appendDecimal(csvDay / 28 % 12 + 1, minimumDigits: 2)
            output.append(UInt8(ascii: "-"))
            appendDecimal(csvDay % 28 + 1, minimumDigits: 2)
            append(",customer_")
            appendNumber(random.skewedIndex(800) + 1)
            output.append(UInt8(ascii: ","))
            append(Vocabulary.regions[random.skewedIndex(Vocabulary.regions.count)])
            output.append(UInt8(ascii: ","))
            let product = random.skewedIndex(Vocabulary.identifiers.count)
            append(Vocabulary.identifiers[product])
            output.append(UInt8(ascii: ","))
            let quantity = random.skewedIndex(20) + 1
            let price = 499 + product * 250
            appendNumber(quantity)
            output.append(UInt8(ascii: ","))
            appendMoney(cents: price)
            output.append(UInt8(ascii: ","))
            appendMoney(cents: price * quantity)
            output.append(UInt8(ascii: ","))
            append(Vocabulary.statuses[random.skewedIndex(Vocabulary.statuses.count)])
            output.append(UInt8(ascii: "\n"))
        }
    }

    private mutating func appendJSONBlock() {
        append(output.isEmpty ? "[\n" : ",\n")
        append("  {\n    \"id\": ")
        appendNumber(random.within(1...999_999))
        append(",\n    \"name\": \"")
        appendIdentifier(parts: 2)
        append("\",\n    \"email\": \"")
        appendIdentifier(parts: 1)
        appendNumber(random.within(1...999))
        append("@example.com\",\n    \"active\": ")
        append(random.chance(0.7) ? "true" : "false")
        append(",\n    \"score\": ")
        appendMoney(cents: random.within(0...10_000))
        append(",\n    \"created_at\": \"")
        appendDate()
        append("T12:00:00Z\",\n    \"tags\": [\"")
        appendIdentifier(parts: 1)
        append("\", \"")
        appendIdentifier(parts: 1)
        append("\"],\n    \"note\": \"")
        appendSentence()
        append("\"\n  }")
    }
}

/// Fixed word lists for the generator.
enum Vocabulary {
    static let words: [[UInt8]] = split(
        """
        the of and to a in is that for it as with was on be by this are or from at an not have which \
        data we can will all their has more one if when also each new value use file model results used \
        time first other two into these than then only may over should both such between user function \
        output input code table step error number list based analysis test report using following set \
        performance need example case change three method total each values column row type return \
        system process chart plot revenue growth customer region product price sales month year average \
        summary next task done update check run load save clean missing duplicate filter group mean median \
        training validation accuracy loss feature features dataset sample samples split score scores \
        request response server client query cache index key config option default version release build \
        note important please make sure here below above shows show per most least higher lower increase \
        decrease compared previous current final result team project plan goal week quarter percent
        """)

    static let identifiers: [[UInt8]] = split(
        """
        data value result item items count total name path file config df frame row rows column columns \
        index key keys record records user users score scores model params batch size limit offset start \
        end text line lines buffer payload response request client session cache entry entries summary \
        report chart plot revenue sales customer region product price month year growth rate mean median \
        load save parse clean filter group merge split train evaluate compute build fetch update process
        """)

    static let modules = ["os", "sys", "json", "csv", "math", "re", "pathlib", "pandas as pd", "numpy as np"]
    static let regions = ["north", "south", "east", "west", "central", "emea", "apac", "latam"]
    static let statuses = ["paid", "pending", "refunded", "shipped", "cancelled"]

    private static func split(_ text: String) -> [[UInt8]] {
        text.split(separator: " ").map { Array($0.utf8) }
    }
}
