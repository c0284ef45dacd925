import Testing

@testable import ChatFiles

@Suite struct MetadataJSONTests {
    /// Builds an object nested `depth` levels deep, such as `{"a":{"a":{}}}` for depth 3.
    static func nestedObjects(depth: Int) -> String {
        String(repeating: #"{"a":"#, count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
    }

    /// Builds an object whose value is `depth - 1` nested arrays, such as `{"a":[[]]}` for depth 3.
    static func nestedArrays(depth: Int) -> String {
        #"{"a":"# + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + "}"
    }

    /// Builds an object padded with a string so the text is exactly `byteCount` bytes.
    static func padded(toByteCount byteCount: Int) -> String {
        let overhead = #"{"p":""}"#.utf8.count
        return #"{"p":""# + String(repeating: "x", count: byteCount - overhead) + #""}"#
    }

    @Test(arguments: [
        "{}",
        " {} ",
        "\n\t{ }\r\n",
        #"{"a":1}"#,
        #"{ "source" : "chat" , "turn" : 3 }"#,
        #"{"a":{"b":[1,2,{"c":null}]}}"#,
        #"{"t":true,"f":false,"n":null}"#,
        #"{"empty":"","list":[],"object":{}}"#,
        #"{"a":[[[]]],"b":[{},{}]}"#,
        #"{"s":"\"\\\/\b\f\n\r\t"}"#,
        #"{"u":"\u00e9\u4E2D\u0000"}"#,
        #"{"pair":"\ud83d\ude00","upper":"\uD83D\uDE00"}"#,
        #"{"\u0000":1}"#,
        #"{"n":0,"m":-0,"k":0.0,"j":-0.5e-3}"#,
        #"{"big":1e308,"max":1.7976931348623157e308,"neg":-1.7976931348623157E+308}"#,
        #"{"exp":1E+2,"e":2e-2,"x":12.5E3}"#,
        #"{"tiny":1e-400}"#,
        #"{"unicode":"日本語 🎉","é":"ü"}"#,
        "{\"raw DEL and C1\":\"a\u{7F}b\u{85}c\"}",
        "{\"\u{E9}\":1,\"e\u{301}\":2}",
        #"{"a":1,"A":2,"a ":3}"#,
        #"{"a":{"x":1},"b":{"x":2}}"#,
        nestedObjects(depth: ChatFilesLimits.maxMetadataDepth),
        nestedArrays(depth: ChatFilesLimits.maxMetadataDepth),
        padded(toByteCount: ChatFilesLimits.maxMetadataByteCount),
    ])
    func validMetadataReturnedUnchanged(text: String) throws {
        let validated = try MetadataJSON.validate(text)

        #expect(Array(validated.utf8) == Array(text.utf8))
    }

    @Test(arguments: [
        ("[]", "expected '{' at byte 0, found '['; the top level must be an object"),
        (#""x""#, "expected '{' at byte 0, found '\"'"),
        ("1", "expected '{' at byte 0, found '1'"),
        ("null", "expected '{' at byte 0, found 'n'"),
        ("", "expected '{' at byte 0, found the end of the text"),
        ("  ", "expected '{' at byte 2, found the end of the text"),
        ("\u{FEFF}{}", "expected '{' at byte 0, found U+FEFF"),
        ("{", "expected '\"' to start a key at byte 1, found the end of the text"),
        (#"{"a":1"#, "expected ',' or '}' at byte 6, found the end of the text"),
        (#"{"a":1,}"#, "expected '\"' to start a key at byte 7, found '}'; trailing commas are not allowed"),
        (#"{"a":[1,]}"#, "expected a JSON value at byte 8, found ']'; trailing commas are not allowed"),
        (#"{"a":NaN}"#, "expected a JSON value at byte 5, found 'N'; NaN and Infinity are not JSON numbers"),
        (#"{"a":Infinity}"#, "expected a JSON value at byte 5, found 'I'; NaN and Infinity"),
        (#"{"a":-Infinity}"#, "expected a digit at byte 6, found 'I'; NaN and Infinity"),
        (#"{'a':1}"#, "expected '\"' to start a key at byte 1, found \"'\"; keys use double quotes"),
        (#"{"a":'x'}"#, "expected a JSON value at byte 5, found \"'\"; strings use double quotes"),
        (#"{a:1}"#, "found 'a'; keys must be strings in double quotes"),
        (#"{"a":01}"#, "a leading zero at byte 6 is not allowed"),
        (#"{"a":-01}"#, "a leading zero at byte 7 is not allowed"),
        (#"{"a":+1}"#, "expected a JSON value at byte 5, found '+'; numbers may not start with '+'"),
        (#"{"a":.5}"#, "expected a JSON value at byte 5, found '.'"),
        (#"{"a":1.}"#, "expected a digit after '.' at byte 7, found '}'"),
        (#"{"a":1.e5}"#, "expected a digit after '.' at byte 7, found 'e'"),
        (#"{"a":1e}"#, "expected a digit after the exponent marker at byte 7"),
        (#"{"a":1e+}"#, "expected a digit after the exponent marker at byte 8"),
        (#"{"a":-}"#, "expected a digit at byte 6, found '}'"),
        (#"{"a":0x10}"#, "expected ',' or '}' at byte 6, found 'x'"),
        (#"{"a":1e400}"#, "the number at byte 5 is outside the range of a 64-bit floating-point value"),
        (#"{"a":-1e400}"#, "the number at byte 5 is outside the range"),
        (#"{"a":1.8e308}"#, "the number at byte 5 is outside the range"),
        (#"{"a":"\ud800"}"#, "the high surrogate \\uD800 at byte 6 is not followed by a low surrogate"),
        (#"{"a":"\udbff\u0041"}"#, "the high surrogate \\uDBFF at byte 6"),
        (#"{"a":"\ud800\ud800"}"#, "the high surrogate \\uD800 at byte 6"),
        (#"{"a":"\udc00"}"#, "the low surrogate \\uDC00 at byte 6 does not follow a high surrogate"),
        (#"{"a":"x\ude00\ud83d"}"#, "the low surrogate \\uDE00 at byte 7"),
        (#"{"a":"\x"}"#, "at byte 7, found 'x'; other escapes are not JSON"),
        (#"{"a":"\'"}"#, "other escapes are not JSON"),
        (#"{"a":"\u12"}"#, "expected four hexadecimal digits after \\u at byte 10, found '\"'"),
        (#"{"a":"\u12G4"}"#, "expected four hexadecimal digits after \\u at byte 10, found 'G'"),
        (#"{"a":1,"a":2}"#, "duplicate key \"a\" at byte 7; each key may appear once in an object"),
        (#"{"a":1,"\u0061":2}"#, "duplicate key \"a\" at byte 7"),
        (#"{"o":{"k":1,"x":2,"k":3}}"#, "duplicate key \"k\" at byte 18"),
        ("{\"a\":\"x\ty\"}", "the unescaped control character U+0009 at byte 7 is not allowed"),
        ("{\"a\":\"x\ny\"}", "the unescaped control character U+000A at byte 7"),
        ("{\"a\":\"\u{0}\"}", "the unescaped control character U+0000 at byte 6"),
        ("{\"a\u{1F}\":1}", "the unescaped control character U+001F at byte 3"),
        (#"{"a":"open}"#, "expected '\"' to close the string that starts at byte 5 at byte 11"),
        (#"{"a":1} x"#, "expected the end of the text after the top-level object at byte 8, found 'x'"),
        (#"{"a":1}{}"#, "expected the end of the text after the top-level object at byte 7, found '{'"),
        (#"{"a":1 "b":2}"#, "expected ',' or '}' at byte 7, found '\"'"),
        (#"{"a" 1}"#, "expected ':' after the key at byte 5, found '1'"),
        (#"{"a":[1 2]}"#, "expected ',' or ']' at byte 8, found '2'"),
        (#"{"a":}"#, "expected a JSON value at byte 5, found '}'"),
        (#"{"a":tru}"#, "expected a JSON value at byte 5, found 't'"),
        (#"{"a":True}"#, "expected a JSON value at byte 5, found 'T'"),
        (#"{"a":nul}"#, "expected a JSON value at byte 5, found 'n'"),
        (#"{/* c */"a":1}"#, "at byte 1, found '/'; comments are not allowed"),
        (#"{"a":1 // c"#, "expected ',' or '}' at byte 7, found '/'"),
        (#"{"a":// c"#, "expected a JSON value at byte 5, found '/'; comments are not allowed"),
        ("{\"a\":\u{A0}1}", "expected a JSON value at byte 5, found U+00A0"),
        (#"{"é":é}"#, "expected a JSON value at byte 6, found 'é'"),
    ])
    func invalidMetadataNamesOffset(text: String, reason: String) {
        expectRejection(
            .invalidMetadata,
            containing: [
                "invalid metadata \(quoteForMessage(text)): ",
                reason,
                #"; metadata must be a JSON object such as {"source": "chat"}"#,
            ]
        ) {
            try MetadataJSON.validate(text)
        }
    }

    @Test func trailingCommaMessageIsExact() {
        let error = #expect(throws: ChatFilesError.self) {
            try MetadataJSON.validate(#"{"a":1,}"#)
        }

        #expect(
            error?.message
                == #"invalid metadata "{\"a\":1,}": expected '"' to start a key at byte 7, found '}'; "#
                + #"trailing commas are not allowed; metadata must be a JSON object such as {"source": "chat"}"#)
    }

    @Test func depthOverLimitRejected() {
        let depth = ChatFilesLimits.maxMetadataDepth + 1

        expectRejection(.invalidMetadata, containing: ["nest deeper than 64 levels at byte 320"]) {
            try MetadataJSON.validate(Self.nestedObjects(depth: depth))
        }
        expectRejection(.invalidMetadata, containing: ["nest deeper than 64 levels at byte 68"]) {
            try MetadataJSON.validate(Self.nestedArrays(depth: depth))
        }
    }

    @Test func deeplyNestedTextRejectedSafely() {
        // Far deeper than the limit, to show the validator stops before the recursion grows.
        let text = "{\"a\":" + String(repeating: "[", count: 60_000)

        expectRejection(.invalidMetadata, containing: ["nest deeper than 64 levels"]) {
            try MetadataJSON.validate(text)
        }
    }

    @Test func sizeOverLimitRejected() {
        let text = Self.padded(toByteCount: ChatFilesLimits.maxMetadataByteCount + 1)

        expectRejection(
            .invalidMetadata,
            containing: [
                #"invalid metadata "{\"p\":\"xxx"#,
                "\"… (65537 bytes): the text is 65537 UTF-8 bytes long and the maximum is 65536",
            ]
        ) {
            try MetadataJSON.validate(text)
        }
    }

    @Test func longTextMessageShowsErrorContext() {
        let text = #"{"p":""# + String(repeating: "x", count: 500) + #"","q":NaN}"#

        expectRejection(
            .invalidMetadata,
            containing: [
                "expected a JSON value at byte 512, found 'N'; NaN and Infinity are not JSON numbers; "
                    + #"the text around byte 512 is "xxxxxxxxxxxxxx\",\"q\":NaN}"; metadata must be"#
            ]
        ) {
            try MetadataJSON.validate(text)
        }
    }

    @Test func validatorLocatesEveryTruncation() {
        // Every proper prefix of a valid object is invalid, and must be reported without a crash.
        let text = #"{"a":[1,-2.5e3,true,null,"x\u00e9\ud83d\ude00"],"b":{"c":{}}}"#
        let bytes = Array(text.utf8)
        for length in 0..<bytes.count {
            let prefix = String(decoding: bytes[..<length], as: UTF8.self)
            #expect(throws: ChatFilesError.self, "prefix of \(length) bytes") {
                try MetadataJSON.validate(prefix)
            }
        }
        #expect(throws: Never.self) {
            try MetadataJSON.validate(text)
        }
    }
}
