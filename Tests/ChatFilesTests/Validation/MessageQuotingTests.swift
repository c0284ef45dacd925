import Testing

@testable import ChatFiles

@Suite struct MessageQuotingTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("", #""""#),
        ("a\u{0}b", #""a\0b""#),
        ("a\tb\nc\rd", #""a\tb\nc\rd""#),
        ("say \"hi\" \\ bye", #""say \"hi\" \\ bye""#),
        ("a\u{1B}[31m", #""a\u{1B}[31m""#),
        ("a\u{7F}b", #""a\u{7F}b""#),
        ("a\u{85}b", #""a\u{85}b""#),
        ("a\u{9F}b", #""a\u{9F}b""#),
        ("a\u{202E}b", #""a\u{202E}b""#),
        ("a\u{2028}b", #""a\u{2028}b""#),
        ("\u{FEFF}a", #""\u{FEFF}a""#),
        ("\u{A0}a", #""\u{A0}a""#),
        ("a b", #""a b""#),
        ("日本語 é", #""日本語 é""#),
    ])
    func quoteEscapesHiddenCharacters(value: String, expected: String) {
        #expect(quoteForMessage(value) == expected)
    }

    @Test func quoteTruncatesLongValues() {
        let value = String(repeating: "x", count: 150)
        let quoted = quoteForMessage(value)

        #expect(quoted == "\"" + String(repeating: "x", count: 100) + "\"… (150 bytes)")
    }

    @Test func quoteKeepsValueAtLimit() {
        let value = String(repeating: "x", count: 100)

        #expect(quoteForMessage(value) == "\"" + value + "\"")
    }

    @Test(arguments: [
        (Unicode.Scalar(0x09)!, "U+0009"),
        (Unicode.Scalar(0x7F)!, "U+007F"),
        (Unicode.Scalar(0xE9)!, "U+00E9"),
        (Unicode.Scalar(0x202E)!, "U+202E"),
        (Unicode.Scalar(0x1F389)!, "U+1F389"),
    ])
    func codePointFormatsLikeUnicode(scalar: Unicode.Scalar, expected: String) {
        #expect(formatCodePoint(scalar) == expected)
    }

    @Test func controlCharactersAreC0DelAndC1() {
        var mismatches: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else {
                continue
            }
            let expected = value <= 0x1F || (0x7F...0x9F).contains(value)
            if isControlCharacter(scalar) != expected {
                mismatches.append(formatCodePoint(scalar))
            }
        }

        #expect(mismatches.isEmpty, "misclassified: \(mismatches.prefix(20))")
    }

    @Test func firstControlCharacterReportsByteOffset() {
        let found = firstControlCharacter(in: "é\u{85}")

        #expect(found?.scalar == "\u{85}")
        #expect(found?.byteOffset == 2)
        #expect(firstControlCharacter(in: "no controls here") == nil)
    }
}
