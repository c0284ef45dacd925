import Testing

@testable import ChatFiles

@Suite struct IDValidationTests {
    @Test(arguments: [
        "chat-1",
        "550e8400-e29b-41d4-a716-446655440000",
        "01ARZ3NDEKTSV4RRFFQ69G5FAV",
        "user@example.com",
        "inner space",
        "日本語",
        "e\u{301}",
        String(repeating: "x", count: ChatFilesLimits.maxIDByteCount),
    ])
    func acceptedIDsReturnedUnchanged(raw: String) throws {
        let id = try validateID(raw, kind: "chat id")

        #expect(Array(id.utf8) == Array(raw.utf8))
    }

    @Test func idsAreNotNormalized() throws {
        let decomposed = try validateID("e\u{301}", kind: "user id")

        #expect(Array(decomposed.utf8) == [0x65, 0xCC, 0x81])
    }

    @Test(arguments: [
        ("", [#"invalid chat id """#, "the chat id is empty"]),
        ("a/b", [#"invalid chat id "a/b""#, #""/" at byte 1 is not allowed"#]),
        ("/", [#""/" at byte 0"#]),
        ("a\u{0}b", [#""a\0b""#, "control character U+0000 at byte 1"]),
        ("a\tb", [#""a\tb""#, "control character U+0009"]),
        ("\n", [#""\n""#, "control character U+000A at byte 0"]),
        ("a\u{7F}", [#""a\u{7F}""#, "control character U+007F"]),
        ("a\u{85}", [#""a\u{85}""#, "control character U+0085"]),
        (" chat", [#"" chat""#, "leading whitespace U+0020", "compare different"]),
        ("chat ", [#""chat ""#, "trailing whitespace U+0020"]),
        ("\u{A0}chat", [#""\u{A0}chat""#, "leading whitespace U+00A0"]),
        ("chat\u{3000}", [#""chat\u{3000}""#, "trailing whitespace U+3000"]),
    ])
    func rejectedChatIDsNameTheRule(raw: String, fragments: [String]) {
        expectRejection(.invalidID, containing: fragments) {
            try validateID(raw, kind: "chat id")
        }
    }

    @Test func idOverLimitRejected() {
        let raw = String(repeating: "x", count: ChatFilesLimits.maxIDByteCount + 1)

        expectRejection(.invalidID, containing: ["the chat id is 256 UTF-8 bytes long and the maximum is 255"]) {
            try validateID(raw, kind: "chat id")
        }
    }

    @Test func multibyteIDCountsBytes() {
        // 128 two-byte characters are 256 bytes.
        let raw = String(repeating: "é", count: 128)

        expectRejection(.invalidID, containing: ["is 256 UTF-8 bytes long"]) {
            try validateID(raw, kind: "user id")
        }
    }

    @Test func messageNamesTheKind() {
        expectRejection(.invalidID, containing: [#"invalid user id "a/b""#]) {
            try validateID("a/b", kind: "user id")
        }
        expectRejection(.invalidID, containing: ["the user id is empty"]) {
            try validateID("", kind: "user id")
        }
    }
}
