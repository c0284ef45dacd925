/// A syntax error found by ``StrictJSONValidator``: where it is and what was wrong.
struct JSONSyntaxError: Error {
    /// The offset of the error from the start of the text, in UTF-8 bytes.
    let byteOffset: Int
    /// A phrase naming the error and its byte offset, such as `expected ':' at byte 5, found '}'`.
    let reason: String
}

/// A hand-written validator for RFC 8259 JSON text, with no extensions, that builds no values.
///
/// It reads the UTF-8 bytes of a Swift `String`, which are always valid UTF-8, so it checks only the
/// JSON grammar, duplicate keys, the range of numbers and the nesting depth. It recurses once per
/// nested object or array, and `maxDepth` bounds that recursion.
struct StrictJSONValidator {
    /// The UTF-8 bytes of the text being validated.
    let bytes: [UInt8]
    private let maxDepth: Int
    /// The offset of the next byte to read. The extensions that read strings and numbers advance it too.
    var position = 0

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Checks that the whole text is one JSON object, with optional whitespace around it.
    mutating func validateObjectDocument() throws(JSONSyntaxError) {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else {
            throw failure(expected: "'{'", hint: "the top level must be an object")
        }
        try validateObject(depth: 1)
        skipWhitespace()
        guard position == bytes.count else {
            throw failure(expected: "the end of the text after the top-level object")
        }
    }

    // MARK: Values

    private mutating func validateValue(depth: Int) throws(JSONSyntaxError) {
        guard let byte = peek() else {
            throw failure(expected: "a JSON value")
        }
        switch byte {
        case UInt8(ascii: "{"): try validateObject(depth: depth + 1)
        case UInt8(ascii: "["): try validateArray(depth: depth + 1)
        case UInt8(ascii: "\""): try validateString(decodesKey: false)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try validateNumber()
        case UInt8(ascii: "t"): try validateLiteral("true")
        case UInt8(ascii: "f"): try validateLiteral("false")
        case UInt8(ascii: "n"): try validateLiteral("null")
        default: throw failure(expected: "a JSON value", hint: hintForInvalidValue())
        }
    }

    private mutating func validateObject(depth: Int) throws(JSONSyntaxError) {
        guard try openContainer(depth: depth, closedBy: UInt8(ascii: "}")) else {
            return
        }
        var keys: Set<[UInt8]> = []
        repeat {
            guard peek() == UInt8(ascii: "\"") else {
                throw failure(expected: "'\"' to start a key", hint: hintForInvalidKey())
            }
            let keyOffset = position
            let key = try validateString(decodesKey: true)
            guard keys.insert(key).inserted else {
                let keyText = quoteForMessage(String(decoding: key, as: UTF8.self), maxCharacters: 40)
                throw JSONSyntaxError(
                    byteOffset: keyOffset,
                    reason: "duplicate key \(keyText) at byte \(keyOffset); each key may appear once in an object")
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else {
                throw failure(expected: "':' after the key")
            }
            position += 1
            skipWhitespace()
            try validateValue(depth: depth)
        } while try continueContainer(closedBy: UInt8(ascii: "}"))
    }

    private mutating func validateArray(depth: Int) throws(JSONSyntaxError) {
        guard try openContainer(depth: depth, closedBy: UInt8(ascii: "]")) else {
            return
        }
        repeat {
            if peek() == UInt8(ascii: "]") {
                throw failure(expected: "a JSON value", hint: "trailing commas are not allowed")
            }
            try validateValue(depth: depth)
        } while try continueContainer(closedBy: UInt8(ascii: "]"))
    }

    /// Moves past the opening bracket of an object or array and the whitespace after it. Returns `false`
    /// when the container is empty, after moving past its closing bracket too.
    private mutating func openContainer(depth: Int, closedBy closing: UInt8) throws(JSONSyntaxError) -> Bool {
        guard depth <= maxDepth else {
            throw JSONSyntaxError(
                byteOffset: position,
                reason: "objects and arrays nest deeper than \(maxDepth) levels at byte \(position)")
        }
        position += 1
        skipWhitespace()
        if peek() == closing {
            position += 1
            return false
        }
        return true
    }

    /// Moves past the `,` or closing bracket after a member, and the whitespace around it. Returns
    /// whether another member follows.
    private mutating func continueContainer(closedBy closing: UInt8) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: ","):
            position += 1
            skipWhitespace()
            return true
        case closing:
            position += 1
            return false
        default:
            throw failure(expected: "',' or '\(Unicode.Scalar(closing))'")
        }
    }

    private mutating func validateLiteral(_ literal: String) throws(JSONSyntaxError) {
        guard bytes[position...].starts(with: literal.utf8) else {
            throw failure(expected: "a JSON value", hint: hintForInvalidValue())
        }
        position += literal.utf8.count
    }

    // MARK: Reading bytes and reporting errors

    /// Returns the byte `ahead` bytes after the current one, or `nil` past the end of the text.
    func peek(ahead: Int = 0) -> UInt8? {
        position + ahead < bytes.count ? bytes[position + ahead] : nil
    }

    mutating func skipWhitespace() {
        while let next = peek(),
            next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\n")
                || next == UInt8(ascii: "\r")
        {
            position += 1
        }
    }

    func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Creates an error at the current position, "expected X at byte N, found Y", with an optional hint.
    func failure(expected: String, hint: String? = nil) -> JSONSyntaxError {
        var reason = "expected \(expected) at byte \(position), found \(describeCurrent())"
        if let hint {
            reason += "; \(hint)"
        }
        return JSONSyntaxError(byteOffset: position, reason: reason)
    }

    /// Creates an error at the current position, "X at byte N is not allowed", with a hint.
    func failure(problem: String, hint: String) -> JSONSyntaxError {
        JSONSyntaxError(byteOffset: position, reason: "\(problem) at byte \(position) is not allowed; \(hint)")
    }

    private func describeCurrent() -> String {
        guard position < bytes.count else {
            return "the end of the text"
        }
        let scalars = String(decoding: bytes[position..<min(position + 4, bytes.count)], as: UTF8.self)
            .unicodeScalars
        guard let scalar = scalars.first else {
            return "the end of the text"
        }
        if isHiddenInMessage(scalar) {
            return formatCodePoint(scalar)
        }
        return scalar == "'" ? "\"'\"" : "'\(scalar)'"
    }

    func hintForInvalidValue() -> String? {
        switch peek() {
        case UInt8(ascii: "N"), UInt8(ascii: "I"): "NaN and Infinity are not JSON numbers"
        case UInt8(ascii: "+"): "numbers may not start with '+'"
        case UInt8(ascii: "'"): "strings use double quotes"
        case UInt8(ascii: "/"): "comments are not allowed"
        case UInt8(ascii: "."): "numbers need a digit before '.'"
        default: nil
        }
    }

    private func hintForInvalidKey() -> String? {
        switch peek() {
        case UInt8(ascii: "}"): "trailing commas are not allowed"
        case UInt8(ascii: "'"): "keys use double quotes"
        case UInt8(ascii: "/"): "comments are not allowed"
        case let byte? where byte >= UInt8(ascii: "A"): "keys must be strings in double quotes"
        default: nil
        }
    }
}
