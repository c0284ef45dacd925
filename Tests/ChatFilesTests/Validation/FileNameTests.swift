import Testing

@testable import ChatFiles

@Suite struct FileNameTests {
    static let longSegment = String(repeating: "a", count: FileName.maxSegmentByteCount)
    /// 511 one-byte segments and a two-byte one, with 511 separators: exactly 1,024 bytes.
    static let longestName = String(repeating: "a/", count: 511) + "aa"

    @Test(arguments: [
        "a",
        "notes.md",
        "src/app/main.py",
        "a/b/c/d.txt",
        ".env",
        ".config/settings.json",
        "a..b",
        "...",
        "..a",
        "a.",
        "with space.txt",
        " leading and trailing spaces ",
        "日本語/ファイル.md",
        "party 🎉.txt",
        "Ünïcødé.md",
        "MixedCase/README.MD",
        longSegment,
        "dir/" + longSegment,
        longestName,
    ])
    func acceptedNamesKeepTheirValue(raw: String) throws {
        let name = try FileName(raw)

        #expect(Array(name.value.utf8) == Array(raw.utf8))
        #expect(name.description == raw)
    }

    @Test(arguments: [
        ("", [#"invalid filename """#, "the name is empty"]),
        ("/etc/passwd", [#""/etc/passwd""#, "absolute paths are not allowed"]),
        ("/", [#""/""#, "absolute paths are not allowed"]),
        ("/\u{301}etc/passwd", ["absolute paths are not allowed"]),
        ("a/../b", [#"invalid filename "a/../b": the segment ".." is not allowed; use a relative path"#]),
        ("../a", [#""../a""#, #"the segment "..""#]),
        ("a/..", [#""a/..""#, #"the segment "..""#]),
        ("..", [#"the segment "..""#]),
        ("./a", [#""./a""#, #"the segment ".""#]),
        ("a/.", [#""a/.""#, #"the segment ".""#]),
        (".", [#"the segment ".""#]),
        ("a//b", [#""a//b""#, "empty segments are not allowed"]),
        ("a/", [#""a/""#, "empty segments are not allowed"]),
        ("a\\b", [#""a\\b""#, "backslash"]),
        ("a\\\u{301}b", ["backslash"]),
        ("a/\u{301}\\", ["backslash"]),
        ("a\u{0}b", [#""a\0b""#, "control character U+0000 at byte 1"]),
        ("a\tb", [#""a\tb""#, "control character U+0009 at byte 1"]),
        ("a\nb", [#""a\nb""#, "control character U+000A"]),
        ("\u{1B}[31mred", [#""\u{1B}[31mred""#, "control character U+001B at byte 0"]),
        ("a\u{7F}b", [#""a\u{7F}b""#, "control character U+007F"]),
        ("a\u{80}b", [#""a\u{80}b""#, "control character U+0080"]),
        ("a\u{85}b", [#""a\u{85}b""#, "control character U+0085"]),
        ("é/a\u{9F}b", [#""é/a\u{9F}b""#, "control character U+009F at byte 4"]),
    ])
    func rejectedNamesNameTheRule(raw: String, fragments: [String]) {
        expectRejection(.invalidFilename, containing: fragments) {
            try FileName(raw)
        }
    }

    @Test func segmentOverLimitRejected() {
        let segment = String(repeating: "a", count: FileName.maxSegmentByteCount + 1)

        expectRejection(
            .invalidFilename, containing: ["the segment at byte 4 is 256 UTF-8 bytes long and the maximum is 255"]
        ) {
            try FileName("dir/" + segment + "/file.txt")
        }
    }

    @Test func multibyteSegmentCountsBytes() throws {
        let accepted = String(repeating: "é", count: 127) + "a"
        let rejected = String(repeating: "é", count: 128)

        #expect(try FileName(accepted).value == accepted)
        expectRejection(.invalidFilename, containing: ["the segment at byte 0 is 256 UTF-8 bytes long"]) {
            try FileName(rejected)
        }
    }

    @Test func nameOverLimitRejected() {
        let raw = String(repeating: "a/", count: 512) + "a"

        #expect(raw.utf8.count == FileName.maxByteCount + 1)
        expectRejection(
            .invalidFilename,
            containing: ["the name is 1025 UTF-8 bytes long and the maximum is 1024", #"invalid filename "a/a/a/"#]
        ) {
            try FileName(raw)
        }
    }

    @Test func decomposedNameNormalizedToNFC() throws {
        let decomposed = try FileName("e\u{301}.md")
        let precomposed = try FileName("\u{E9}.md")

        #expect(Array(decomposed.value.utf8) == Array("\u{E9}.md".utf8))
        #expect(decomposed == precomposed)
        #expect(decomposed.hashValue == precomposed.hashValue)
        #expect(Set([decomposed, precomposed]).count == 1)
    }

    @Test func lengthLimitsApplyAfterNormalization() throws {
        // 100 decomposed "é" are 300 bytes, and 200 bytes once composed.
        let name = try FileName(String(repeating: "e\u{301}", count: 100))

        #expect(name.value.utf8.count == 200)
    }

    @Test func namesAreCaseSensitive() throws {
        #expect(try FileName("Notes.md") != FileName("notes.md"))
    }

    @Test(arguments: [
        ("a", ["a"]),
        ("src/app/main.py", ["src", "app", "main.py"]),
        (".config/a b/c", [".config", "a b", "c"]),
        ("a/\u{301}b", ["a", "\u{301}b"]),
    ])
    func segmentsSplitAtSlashes(raw: String, expected: [String]) throws {
        let segments = try FileName(raw).segments

        #expect(segments.map(String.init) == expected)
    }

    @Test(
        arguments: [
            ("main.py", "py"),
            ("src/Main.PY", "py"),
            ("archive.tar.gz", "gz"),
            (".config.json", "json"),
            ("dir.d/notes.Markdown", "markdown"),
            (".env", nil),
            ("dir/.gitignore", nil),
            ("README", nil),
            ("dir.d/README", nil),
            ("trailing.", nil),
        ] as [(String, String?)])
    func pathExtensionIsLowercased(raw: String, expected: String?) throws {
        #expect(try FileName(raw).pathExtension == expected)
    }
}
