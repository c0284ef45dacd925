/// Validates a chat id or user id and returns it unchanged.
///
/// Ids are opaque keys chosen by the caller, so they are compared byte for byte and are not normalized
/// to NFC as filenames are. The rules, and why:
/// - An id is not empty, because an empty key would match every caller that forgot to set one.
/// - An id is at most ``ChatFilesLimits/maxIDByteCount`` UTF-8 bytes.
/// - An id contains no control character (U+0000–U+001F, U+007F–U+009F), because ids appear in logs
///   and messages, and NUL ends a C string early.
/// - An id contains no `/`, so it can be used as one path segment or one part of a `/`-separated key
///   without escaping.
/// - An id does not start or end with whitespace, because `"chat-1 "` and `"chat-1"` print the same
///   and compare different, so a copied id would find no files.
///
/// - Parameters:
///   - value: The id to check.
///   - kind: What the id is, such as `"chat id"` or `"user id"`, for the message.
/// - Throws: ``ChatFilesError`` with code ``ChatFilesError/Code/invalidID``. The message quotes the id and
///   names the rule.
func validateID(_ value: String, kind: String) throws(ChatFilesError) -> String {
    func rejection(_ rule: String) -> ChatFilesError {
        ChatFilesError(.invalidID, "invalid \(kind) \(quoteForMessage(value)): \(rule)")
    }

    guard !value.isEmpty else {
        throw rejection("the \(kind) is empty; pass the \(kind) that the chat backend assigned")
    }
    let byteCount = value.utf8.count
    guard byteCount <= ChatFilesLimits.maxIDByteCount else {
        throw rejection(
            "the \(kind) is \(byteCount) UTF-8 bytes long and the maximum is \(ChatFilesLimits.maxIDByteCount)")
    }
    if let (scalar, byteOffset) = firstControlCharacter(in: value) {
        throw rejection(
            "the control character \(formatCodePoint(scalar)) at byte \(byteOffset) is not allowed; "
                + "remove control characters (U+0000–U+001F, U+007F–U+009F)")
    }
    if let slash = value.utf8.firstIndex(of: UInt8(ascii: "/")) {
        let byteOffset = value.utf8.distance(from: value.utf8.startIndex, to: slash)
        throw rejection("\"/\" at byte \(byteOffset) is not allowed in an id; use another separator such as \"-\"")
    }
    if let first = value.unicodeScalars.first, first.properties.isWhitespace {
        throw rejection(
            "leading whitespace \(formatCodePoint(first)) is not allowed, because ids that print the same "
                + "would compare different; remove it")
    }
    if let last = value.unicodeScalars.last, last.properties.isWhitespace {
        throw rejection(
            "trailing whitespace \(formatCodePoint(last)) is not allowed, because ids that print the same "
                + "would compare different; remove it")
    }
    return value
}
