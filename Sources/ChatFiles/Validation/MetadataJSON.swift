/// The rules for the metadata stored with each chat file: a strict JSON object.
///
/// Metadata is kept as the caller's text and read back by other programs, so it must parse the same
/// way in every JSON library. The validator therefore accepts only RFC 8259 JSON and adds limits:
/// - The top level is an object, so metadata can always gain keys.
/// - The text is at most ``ChatFilesLimits/maxMetadataByteCount`` UTF-8 bytes, and objects and arrays
///   nest at most ``ChatFilesLimits/maxMetadataDepth`` levels.
/// - No key appears twice in one object. RFC 8259 leaves the result of duplicates to each parser: some
///   keep the first value and some the last. Keys are compared by code points after escapes are
///   decoded, so `"a"` and `"\u0061"` are duplicates, but `"é"` and `"e\u0301"` are not.
/// - Every number is finite as a 64-bit floating-point value. `1e400` is rejected because some parsers
///   read it as infinity and others reject it. A number that rounds to zero, such as `1e-400`, is accepted.
/// - Strings contain only whole Unicode code points: a `\u` escape of a surrogate must be a high
///   surrogate followed by a low one.
///
/// JSON5 and JavaScript extensions are rejected: `NaN`, `Infinity`, comments, single quotes, trailing
/// commas, a leading `+` or leading zeros, and unescaped control characters in strings.
/// `JSONSerialization` is not used, because in Swift 6.3 on Linux it accepts trailing commas and keeps
/// the last of duplicate keys.
enum MetadataJSON {
    /// A small valid value that error messages show.
    static let example = #"{"source": "chat"}"#

    /// Validates metadata JSON text and returns it unchanged.
    ///
    /// - Throws: ``ChatFilesError`` with code ``ChatFilesError/Code/invalidMetadata``. The message quotes
    ///   the start of the text and names the byte offset of the error and what was expected there.
    static func validate(_ text: String) throws(ChatFilesError) -> String {
        let byteCount = text.utf8.count
        guard byteCount <= ChatFilesLimits.maxMetadataByteCount else {
            throw ChatFilesError(
                .invalidMetadata,
                "invalid metadata \(quoteForMessage(text)): the text is \(byteCount) UTF-8 bytes long and "
                    + "the maximum is \(ChatFilesLimits.maxMetadataByteCount); store large data in a file")
        }

        let bytes = Array(text.utf8)
        var validator = StrictJSONValidator(bytes: bytes, maxDepth: ChatFilesLimits.maxMetadataDepth)
        do {
            try validator.validateObjectDocument()
        } catch {
            throw ChatFilesError(.invalidMetadata, message(for: error, in: text, bytes: bytes))
        }
        return text
    }

    private static func message(for error: JSONSyntaxError, in text: String, bytes: [UInt8]) -> String {
        let quotedText = quoteForMessage(text)
        var message = "invalid metadata \(quotedText): \(error.reason)"
        if !text.dropFirst(messageQuoteMaxCharacters).isEmpty {
            // The quote shows only the start of a long text, so show the text around the error too.
            let excerptText = quoteForMessage(excerpt(of: bytes, around: error.byteOffset))
            message += "; the text around byte \(error.byteOffset) is \(excerptText)"
        }
        return message + "; metadata must be a JSON object such as \(example)"
    }

    /// Returns about 20 bytes either side of `offset`, widened so no UTF-8 sequence is cut.
    private static func excerpt(of bytes: [UInt8], around offset: Int) -> String {
        var start = max(0, offset - 20)
        var end = min(bytes.count, offset + 20)
        while start > 0, UTF8.isContinuation(bytes[start]) {
            start -= 1
        }
        while end < bytes.count, UTF8.isContinuation(bytes[end]) {
            end += 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
