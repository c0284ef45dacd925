import Testing

@testable import ChatFiles

@Suite struct FileTypeTests {
    @Test(arguments: [
        "python",
        "markdown",
        "x",
        "c++",
        "objective-c",
        "snake_case",
        "mp4",
        "a" + String(repeating: "z", count: 31),
    ])
    func validTypesKeepTheirRawValue(raw: String) throws {
        let fileType = try FileType(validating: raw)

        #expect(fileType.rawValue == raw)
        #expect(fileType.description == raw)
    }

    @Test(arguments: [
        ("", [#"invalid file type """#, "the file type is empty"]),
        ("Python", [#""Python""#, "must start with a lowercase letter"]),
        ("pythoN", [#""pythoN""#, "character at byte 5 is not allowed"]),
        ("1abc", [#""1abc""#, "must start with a lowercase letter"]),
        ("_a", ["must start with a lowercase letter"]),
        ("-a", ["must start with a lowercase letter"]),
        ("py thon", [#""py thon""#, "character at byte 2"]),
        ("a.b", ["character at byte 1"]),
        ("a/b", ["character at byte 1"]),
        ("pyth\u{F6}n", [#""pythön""#, "character at byte 4"]),
        ("a\u{0}", [#""a\0""#, "character at byte 1"]),
        ("a" + String(repeating: "z", count: 32), ["33 bytes long and the maximum is 32"]),
    ])
    func invalidTypesNameTheRule(raw: String, fragments: [String]) {
        expectRejection(.invalidFileType, containing: fragments) {
            try FileType(validating: raw)
        }
    }

    @Test(arguments: [
        (FileType.python, "python"),
        (.markdown, "markdown"),
        (.text, "text"),
        (.csv, "csv"),
        (.json, "json"),
        (.other, "other"),
    ])
    func constantsHaveValidRawValues(fileType: FileType, raw: String) throws {
        #expect(fileType.rawValue == raw)
        #expect(try FileType(validating: raw) == fileType)
    }

    @Test(arguments: [
        ("main.py", FileType.python),
        ("stubs/module.pyi", .python),
        ("MAIN.PY", .python),
        ("src/app/main.py", .python),
        ("README.md", .markdown),
        ("guide.markdown", .markdown),
        ("notes.txt", .text),
        ("notes.text", .text),
        ("server.log", .text),
        ("data.csv", .csv),
        ("Data.CSV", .csv),
        ("data.json", .json),
        ("data.tsv", .other),
        ("events.jsonl", .other),
        ("image.png", .other),
        ("archive.tar.gz", .other),
        ("Makefile", .other),
        (".env", .other),
        ("trailing.", .other),
        ("py", .other),
    ])
    func typeInferredFromExtension(raw: String, expected: FileType) throws {
        #expect(FileType.inferred(from: try FileName(raw)) == expected)
    }
}
