import Foundation

/// A validated name of a file in a chat: a relative path such as `src/app/main.py`.
///
/// The rules, and why each one exists:
/// - The name is one or more segments joined by `/`. An absolute name (leading `/`) and the segments `.`
///   and `..` are rejected, so a name never points outside the chat when files are written to a folder.
/// - An empty segment (`a//b`, or a trailing `/`) is rejected, so each file has only one spelling.
/// - A backslash is rejected because Windows tools read it as a separator, so `a\b` would unpack as a
///   folder `a` holding `b` there and as one file elsewhere.
/// - Control characters (U+0000–U+001F, U+007F–U+009F) are rejected. NUL ends a C string early, and the
///   others break logs, terminals and archive listings.
/// - A segment may be at most ``maxSegmentByteCount`` UTF-8 bytes, the `NAME_MAX` of common Linux file
///   systems, so every segment can be created as a file or folder. The whole name may be at most
///   ``maxByteCount`` bytes, which keeps index rows and messages small.
/// - The name is stored in Unicode Normalization Form C (NFC), so an `é` typed as one code point or as
///   `e` plus a combining accent names the same file, byte for byte, in the index. Apart from that the
///   name is case-sensitive: `Notes.md` and `notes.md` are two files.
///
/// The length limits apply to the normalized name, the form that is stored.
public struct FileName: Sendable, Hashable, CustomStringConvertible {
    /// The maximum length of one segment, in UTF-8 bytes.
    public static let maxSegmentByteCount = 255
    /// The maximum length of the whole name, in UTF-8 bytes, separators included.
    public static let maxByteCount = 1024

    /// The name in NFC, with its segments joined by `/`.
    public let value: String

    /// Validates `raw` and stores it in NFC.
    ///
    /// - Throws: ``ChatFilesError`` with code ``ChatFilesError/Code/invalidFilename`` when the name breaks
    ///   one of the rules above. The message quotes the name and names the rule.
    public init(_ raw: String) throws(ChatFilesError) {
        // ASCII text is already in NFC, and most names are ASCII, so they skip Foundation's normaliser.
        let normalized = raw.utf8.allSatisfy { $0 < 0x80 } ? raw : raw.precomposedStringWithCanonicalMapping
        try Self.validate(normalized)
        value = normalized
    }

    /// The segments of the name, in order. A validated name has at least one, and none is empty.
    public var segments: [Substring] {
        Self.splitSegments(value)
    }

    /// The lowercased extension of the last segment, such as `py` for `src/Main.PY`.
    ///
    /// It is `nil` when the last segment has no `.`, ends with `.`, or has its only `.` first, as in
    /// `.env` and `.gitignore`, which are hidden files rather than extensions.
    public var pathExtension: String? {
        let lastSegment = segments.last ?? Substring(value)
        let scalars = lastSegment.unicodeScalars
        guard let dot = scalars.lastIndex(of: "."), dot != scalars.startIndex else {
            return nil
        }
        let pathExtension = Substring(scalars[scalars.index(after: dot)...])
        return pathExtension.isEmpty ? nil : pathExtension.lowercased()
    }

    public var description: String { value }

    private static func validate(_ name: String) throws(ChatFilesError) {
        guard !name.isEmpty else {
            throw rejection(name, "the name is empty; use a relative path such as \"notes.md\"")
        }
        let byteCount = name.utf8.count
        guard byteCount <= maxByteCount else {
            throw rejection(
                name,
                "the name is \(byteCount) UTF-8 bytes long and the maximum is \(maxByteCount); use a shorter name")
        }
        if let (scalar, byteOffset) = firstControlCharacter(in: name) {
            throw rejection(
                name,
                "the control character \(formatCodePoint(scalar)) at byte \(byteOffset) is not allowed; "
                    + "remove control characters (U+0000–U+001F, U+007F–U+009F) from the name")
        }
        guard name.unicodeScalars.first != "/" else {
            throw rejection(name, "absolute paths are not allowed; remove the leading \"/\"")
        }
        for segment in splitSegments(name) {
            try validateSegment(segment, of: name)
        }
    }

    /// Splits at each `/` code point. Splitting by `Character` would not split `a/\u{301}b`, because
    /// a combining mark joins the `/` into one grapheme, yet a file system still treats that `/` as a
    /// separator.
    private static func splitSegments(_ name: String) -> [Substring] {
        name.unicodeScalars.split(separator: "/", omittingEmptySubsequences: false).map { Substring($0) }
    }

    private static func validateSegment(_ segment: Substring, of name: String) throws(ChatFilesError) {
        if segment.isEmpty {
            throw rejection(
                name, "empty segments are not allowed; remove the doubled \"/\" or the trailing \"/\"")
        }
        if segment.utf8.elementsEqual(".".utf8) || segment.utf8.elementsEqual("..".utf8) {
            throw rejection(
                name,
                "the segment \(quoteForMessage(segment)) is not allowed; "
                    + "use a relative path without \".\" or \"..\" segments")
        }
        if segment.unicodeScalars.contains("\\") {
            throw rejection(
                name,
                "the segment \(quoteForMessage(segment)) contains a backslash, which is not allowed; "
                    + "use \"/\" to separate folders")
        }
        let byteCount = segment.utf8.count
        if byteCount > maxSegmentByteCount {
            let byteOffset = name.utf8.distance(from: name.utf8.startIndex, to: segment.startIndex)
            throw rejection(
                name,
                "the segment at byte \(byteOffset) is \(byteCount) UTF-8 bytes long and the maximum is "
                    + "\(maxSegmentByteCount); shorten that segment")
        }
    }

    private static func rejection(_ name: String, _ rule: String) -> ChatFilesError {
        ChatFilesError(.invalidFilename, "invalid filename \(quoteForMessage(name)): \(rule)")
    }
}
