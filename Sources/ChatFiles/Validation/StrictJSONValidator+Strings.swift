extension StrictJSONValidator {
    /// Validates the string that starts at the current `"` and moves past its closing `"`.
    ///
    /// - Parameter decodesKey: Whether to return the string's UTF-8 bytes with escapes decoded, which
    ///   object keys need for the duplicate check. Values skip that work and return an empty array.
    @discardableResult
    mutating func validateString(decodesKey: Bool) throws(JSONSyntaxError) -> [UInt8] {
        let start = position
        position += 1  // the opening '"'
        var decoded: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw failure(expected: "'\"' to close the string that starts at byte \(start)")
            }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return decoded
            case UInt8(ascii: "\\"):
                let scalar = try readEscape()
                if decodesKey {
                    decoded.append(contentsOf: UTF8.encode(scalar)!)
                }
            case 0x00..<0x20:
                throw failure(
                    problem: "the unescaped control character \(formatCodePoint(Unicode.Scalar(byte)))",
                    hint: "write it in a string as an escape such as \\n, \\t or \\u0000")
            default:
                // Any other byte is part of a UTF-8 sequence, which a Swift string guarantees is valid.
                if decodesKey {
                    decoded.append(byte)
                }
                position += 1
            }
        }
    }

    /// Reads the escape that starts at the current `\` and returns the code point it stands for.
    private mutating func readEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let escapeStart = position
        position += 1  // '\'
        guard let letter = peek() else {
            throw failure(expected: "an escape letter after '\\'")
        }
        let simple: Unicode.Scalar? =
            switch letter {
            case UInt8(ascii: "\""): "\""
            case UInt8(ascii: "\\"): "\\"
            case UInt8(ascii: "/"): "/"
            case UInt8(ascii: "b"): "\u{8}"
            case UInt8(ascii: "f"): "\u{C}"
            case UInt8(ascii: "n"): "\n"
            case UInt8(ascii: "r"): "\r"
            case UInt8(ascii: "t"): "\t"
            default: nil
            }
        if let simple {
            position += 1
            return simple
        }
        guard letter == UInt8(ascii: "u") else {
            throw failure(
                expected: "one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u after '\\'",
                hint: "other escapes are not JSON")
        }
        position += 1

        let unit = try readHexCodeUnit()
        switch unit {
        case 0xD800...0xDBFF:
            guard peek() == UInt8(ascii: "\\"), peek(ahead: 1) == UInt8(ascii: "u") else {
                throw loneSurrogate(unit, at: escapeStart)
            }
            position += 2
            let low = try readHexCodeUnit()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw loneSurrogate(unit, at: escapeStart)
            }
            let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            return Unicode.Scalar(value)!
        case 0xDC00...0xDFFF:
            throw loneSurrogate(unit, at: escapeStart)
        default:
            return Unicode.Scalar(unit)!
        }
    }

    /// Reads the four hexadecimal digits of a `\u` escape.
    private mutating func readHexCodeUnit() throws(JSONSyntaxError) -> UInt16 {
        var unit: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = peek(), let digit = hexDigitValue(byte) else {
                throw failure(expected: "four hexadecimal digits after \\u")
            }
            unit = unit << 4 | UInt16(digit)
            position += 1
        }
        return unit
    }

    private func hexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private func loneSurrogate(_ unit: UInt16, at offset: Int) -> JSONSyntaxError {
        let hex = String(unit, radix: 16, uppercase: true)
        let reason =
            unit < 0xDC00
            ? "the high surrogate \\u\(hex) at byte \(offset) is not followed by a low surrogate \\uDC00-\\uDFFF"
            : "the low surrogate \\u\(hex) at byte \(offset) does not follow a high surrogate \\uD800-\\uDBFF"
        return JSONSyntaxError(
            byteOffset: offset, reason: reason + "; escape a character outside the BMP as a surrogate pair")
    }
}
