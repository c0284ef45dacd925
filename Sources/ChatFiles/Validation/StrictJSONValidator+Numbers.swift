extension StrictJSONValidator {
    /// Validates the number that starts at the current byte, and rejects one that overflows `Double`.
    mutating func validateNumber() throws(JSONSyntaxError) {
        let start = position
        if peek() == UInt8(ascii: "-") {
            position += 1
        }
        switch peek() {
        case UInt8(ascii: "0"):
            position += 1
            if let next = peek(), isDigit(next) {
                throw failure(problem: "a leading zero", hint: "numbers may not have leading zeros such as 01")
            }
        case let digit? where isDigit(digit):
            skipDigits()
        default:
            throw failure(expected: "a digit", hint: hintForInvalidValue())
        }
        if peek() == UInt8(ascii: ".") {
            position += 1
            try requireDigits(after: "'.'")
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") {
                position += 1
            }
            try requireDigits(after: "the exponent marker")
        }

        // Double(_:) accepts every number that the grammar above accepts, so it fails here only by
        // rounding to infinity, when the magnitude is beyond Double.greatestFiniteMagnitude.
        let numberText = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(numberText), value.isFinite else {
            throw JSONSyntaxError(
                byteOffset: start,
                reason: "the number at byte \(start) is outside the range of a 64-bit floating-point value; "
                    + "store it as a string")
        }
    }

    private mutating func requireDigits(after what: String) throws(JSONSyntaxError) {
        guard let next = peek(), isDigit(next) else {
            throw failure(expected: "a digit after \(what)")
        }
        skipDigits()
    }

    private mutating func skipDigits() {
        while let next = peek(), isDigit(next) {
            position += 1
        }
    }
}
