/// Quotes a value for a message in single quotes, so that every message stays one readable line.
///
/// Control characters, format characters (such as bidirectional overrides) and line separators are
/// written as `\u{…}` escapes, and `'` and `\` get a backslash, because names read from a directory
/// may contain any byte except `/` and NUL.
func quoted(_ value: some StringProtocol) -> String {
    var result = "'"
    for scalar in value.unicodeScalars {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator:
            result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        default:
            if scalar == "'" || scalar == "\\" {
                result += "\\"
            }
            result.unicodeScalars.append(scalar)
        }
    }
    return result + "'"
}
