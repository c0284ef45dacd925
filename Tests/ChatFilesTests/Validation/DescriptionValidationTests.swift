import Testing

@testable import ChatFiles

@Suite struct DescriptionValidationTests {
    @Test(arguments: [
        "",
        "Cleaned sales data for Q3",
        "Line one\nLine two\twith a tab\r\n",
        "Control characters other than NUL are allowed: \u{1B}\u{7F}\u{85}",
        "日本語の説明 🎉",
        String(repeating: "x", count: ChatFilesLimits.maxDescriptionByteCount),
    ])
    func acceptedDescriptionsReturnedUnchanged(text: String) throws {
        let description = try validateDescription(text)

        #expect(Array(description.utf8) == Array(text.utf8))
    }

    @Test func descriptionOverLimitRejected() {
        let text = String(repeating: "x", count: ChatFilesLimits.maxDescriptionByteCount + 1)

        expectRejection(
            .invalidArgument,
            containing: [
                #"invalid description "xxx"#,
                "the description is 16385 UTF-8 bytes long and the maximum is 16384",
            ]
        ) {
            try validateDescription(text)
        }
    }

    @Test func multibyteDescriptionCountsBytes() {
        // 5,462 three-byte characters are 16,386 bytes.
        let text = String(repeating: "語", count: 5462)

        expectRejection(.invalidArgument, containing: ["is 16386 UTF-8 bytes long"]) {
            try validateDescription(text)
        }
    }

    @Test(arguments: [
        ("a\u{0}b", #"invalid description "a\0b": the NUL character (U+0000) at byte 1 is not allowed"#),
        ("\u{0}", #"invalid description "\0": the NUL character (U+0000) at byte 0"#),
        ("é\u{0}", "at byte 2"),
    ])
    func nulCharacterRejected(text: String, fragment: String) {
        expectRejection(.invalidArgument, containing: [fragment]) {
            try validateDescription(text)
        }
    }
}
