/// The kind of a chat file, such as `python` or `markdown`, which a client uses to choose how to display it.
///
/// A file type is a short lowercase word: a letter `a`–`z`, then at most 31 of `a`–`z`, `0`–`9`, `_`,
/// `+` and `-`. The alphabet is small so a type can be compared byte for byte, used in a query or a
/// URL without escaping, and never differs only in case or Unicode form.
public struct FileType: Sendable, Hashable, CustomStringConvertible {
    /// The maximum length of a file type, in characters, which are all ASCII.
    static let maxLength = 32

    /// The type as stored, such as `"python"`.
    public let rawValue: String

    /// Python source (`.py`, `.pyi`).
    public static let python = FileType(validRawValue: "python")
    /// Markdown (`.md`, `.markdown`).
    public static let markdown = FileType(validRawValue: "markdown")
    /// Plain text (`.txt`, `.text`, `.log`).
    public static let text = FileType(validRawValue: "text")
    /// Comma-separated values (`.csv`).
    public static let csv = FileType(validRawValue: "csv")
    /// JSON (`.json`).
    public static let json = FileType(validRawValue: "json")
    /// Any other file, and the type inferred for a name without a known extension.
    public static let other = FileType(validRawValue: "other")

    /// Validates a file type given by a caller.
    ///
    /// - Throws: ``ChatFilesError`` with code ``ChatFilesError/Code/invalidFileType`` unless `rawValue`
    ///   matches `^[a-z][a-z0-9_+-]{0,31}$`. The message quotes the value and names the rule.
    public init(validating rawValue: String) throws(ChatFilesError) {
        let bytes = Array(rawValue.utf8)
        guard let first = bytes.first else {
            throw Self.rejection(rawValue, "the file type is empty")
        }
        guard bytes.count <= Self.maxLength else {
            throw Self.rejection(
                rawValue, "the file type is \(bytes.count) bytes long and the maximum is \(Self.maxLength)")
        }
        guard Self.isLowercaseLetter(first) else {
            throw Self.rejection(rawValue, "the file type must start with a lowercase letter a-z")
        }
        if let offset = bytes.firstIndex(where: { !Self.isAllowedByte($0) }) {
            throw Self.rejection(
                rawValue,
                "the character at byte \(offset) is not allowed; use only a-z, 0-9, \"_\", \"+\" and \"-\"")
        }
        self.rawValue = rawValue
    }

    init(validRawValue: String) {
        rawValue = validRawValue
    }

    /// Infers the type of a file from the extension of its name, or returns ``other``.
    ///
    /// The mapping is deliberately small, and it covers the files a chat backend writes most often:
    ///
    /// | Extension              | Type         |
    /// |------------------------|--------------|
    /// | `py`, `pyi`            | ``python``   |
    /// | `md`, `markdown`       | ``markdown`` |
    /// | `txt`, `text`, `log`   | ``text``     |
    /// | `csv`                  | ``csv``      |
    /// | `json`                 | ``json``     |
    ///
    /// Extensions are matched without regard to case. Similar formats keep ``other`` rather than a near
    /// type: a `.tsv` file is not comma-separated, and a `.jsonl` file is not one JSON value, so a
    /// client that parsed them as `csv` or `json` would fail. A caller that knows better passes the
    /// type explicitly.
    static func inferred(from name: FileName) -> FileType {
        switch name.pathExtension {
        case "py", "pyi": .python
        case "md", "markdown": .markdown
        case "txt", "text", "log": .text
        case "csv": .csv
        case "json": .json
        default: .other
        }
    }

    public var description: String { rawValue }

    private static func isLowercaseLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    private static func isAllowedByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "-"): true
        default: false
        }
    }

    private static func rejection(_ rawValue: String, _ rule: String) -> ChatFilesError {
        ChatFilesError(
            .invalidFileType,
            "invalid file type \(quoteForMessage(rawValue)): \(rule); "
                + "a file type is a short lowercase word such as \"python\" or \"markdown\"")
    }
}
