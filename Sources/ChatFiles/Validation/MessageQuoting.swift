/// The number of characters of a value that ``quoteForMessage(_:maxCharacters:)`` shows by default.
let messageQuoteMaxCharacters = 100

/// Quotes a rejected value for an error message, escaping the characters a reader could not see.
///
/// The quote uses Swift string literal escapes: `\0`, `\t`, `\n`, `\r`, `\"` and `\\`, and `\u{…}` for
/// control characters (U+0000–U+001F, U+007F–U+009F), format characters such as bidirectional overrides
/// and zero-width spaces, line and paragraph separators, and whitespace other than U+0020.
/// `String.debugDescription` is not used because in Swift 6.3 it leaves C1 controls, U+2028 and
/// bidirectional overrides unescaped, so a message could hide or reorder part of the value.
///
/// A value longer than `maxCharacters` characters is cut there, and the closing quote is followed by
/// `…` and the full length in UTF-8 bytes, so a message stays one short line.
func quoteForMessage(_ value: some StringProtocol, maxCharacters: Int = messageQuoteMaxCharacters) -> String {
    let shownPrefix = value.prefix(maxCharacters)
    var quoted = "\""
    for scalar in shownPrefix.unicodeScalars {
        quoted += escapeForMessage(scalar)
    }
    quoted += "\""
    if shownPrefix.endIndex != value.endIndex {
        quoted += "… (\(value.utf8.count) bytes)"
    }
    return quoted
}

/// Writes a code point the way the Unicode standard names it, such as `U+0009`.
func formatCodePoint(_ scalar: Unicode.Scalar) -> String {
    let digits = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

/// Returns whether a code point is a control character: C0 (U+0000–U+001F), DEL (U+007F) or C1
/// (U+0080–U+009F), which is exactly the Unicode general category Cc.
func isControlCharacter(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.generalCategory == .control
}

/// Finds the first control character in `text` and its offset in UTF-8 bytes from the start of `text`.
func firstControlCharacter(in text: some StringProtocol) -> (scalar: Unicode.Scalar, byteOffset: Int)? {
    var byteOffset = 0
    for scalar in text.unicodeScalars {
        if isControlCharacter(scalar) {
            return (scalar, byteOffset)
        }
        byteOffset += UTF8.width(scalar)
    }
    return nil
}

/// Returns whether a message must show a code point as an escape, because a reader could not see it or
/// it would change how the rest of the line reads. These are control and format characters, line and
/// paragraph separators, and whitespace other than U+0020.
func isHiddenInMessage(_ scalar: Unicode.Scalar) -> Bool {
    let properties = scalar.properties
    switch properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: return true
    default: return scalar != " " && properties.isWhitespace
    }
}

private func escapeForMessage(_ scalar: Unicode.Scalar) -> String {
    switch scalar {
    case "\0": return "\\0"
    case "\t": return "\\t"
    case "\n": return "\\n"
    case "\r": return "\\r"
    case "\"": return "\\\""
    case "\\": return "\\\\"
    default:
        if isHiddenInMessage(scalar) {
            return "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        }
        return String(scalar)
    }
}
