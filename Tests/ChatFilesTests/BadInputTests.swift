import Foundation
import Testing

@testable import ChatFiles

@Suite struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let write: FileWrite
        let code: ChatFilesError.Code
        let quoted: String

        var testDescription: String { label }
    }

    static func request(
        chat: String = "c1", user: String = "u1", name: String = "ok.txt", metadata: String? = nil
    ) -> FileWrite {
        FileWrite(
            chatID: chat, userID: user, filename: name, content: .bytes(Array("content".utf8)), metadata: metadata)
    }

    static let cases: [Case] = [
        Case(label: "empty filename", write: request(name: ""), code: .invalidFilename, quoted: "\"\""),
        Case(
            label: "absolute filename", write: request(name: "/etc/passwd"), code: .invalidFilename,
            quoted: "/etc/passwd"),
        Case(label: "dot-dot segment", write: request(name: "a/../b"), code: .invalidFilename, quoted: "a/../b"),
        Case(label: "empty segment", write: request(name: "a//b"), code: .invalidFilename, quoted: "a//b"),
        Case(label: "backslash", write: request(name: "a\\b"), code: .invalidFilename, quoted: "a"),
        Case(label: "NUL byte", write: request(name: "a\u{0}b"), code: .invalidFilename, quoted: "a"),
        Case(
            label: "256-byte segment", write: request(name: String(repeating: "x", count: 256)),
            code: .invalidFilename, quoted: "xxxx"),
        Case(label: "control character in chat id", write: request(chat: "c\u{7}1"), code: .invalidID, quoted: "c"),
        Case(label: "newline in user id", write: request(user: "u\n1"), code: .invalidID, quoted: "u"),
        Case(label: "slash in chat id", write: request(chat: "a/b"), code: .invalidID, quoted: "a/b"),
        Case(label: "empty chat id", write: request(chat: ""), code: .invalidID, quoted: "\"\""),
        Case(label: "metadata array", write: request(metadata: "[1, 2]"), code: .invalidMetadata, quoted: "metadata"),
        Case(
            label: "metadata not JSON", write: request(metadata: "{source: chat}"), code: .invalidMetadata,
            quoted: "metadata"),
        Case(
            label: "metadata NaN", write: request(metadata: #"{"x": NaN}"#), code: .invalidMetadata, quoted: "metadata"),
    ]

    @Test("bad input is rejected and changes nothing", arguments: cases)
    func rejected(example: Case) throws {
        let temporary = try TemporaryStore()
        try temporary.store.write(chatID: "c1", userID: "u1", filename: "existing.txt", text: "keep me")
        let before = try temporary.snapshot()

        let error = try #require(throws: ChatFilesError.self) {
            try temporary.store.write(example.write)
        }
        #expect(error.code == example.code)
        #expect(error.message.contains(example.quoted), "message: \(error.message)")
        #expect(try temporary.snapshot() == before)
    }

    @Test("one bad file rejects the whole batch") func badBatchChangesNothing() throws {
        let temporary = try TemporaryStore()
        let before = try temporary.snapshot()
        let batch = [Self.request(name: "good.txt"), Self.request(name: "../escape.txt")]

        #expect(throws: ChatFilesError.self) {
            try temporary.store.write(batch: batch)
        }
        #expect(try temporary.snapshot() == before)
    }

    @Test("another user's chat is rejected") func otherUsersChat() throws {
        let temporary = try TemporaryStore()
        try temporary.store.write(chatID: "c1", userID: "alice", filename: "a.txt", text: "mine")
        let before = try temporary.snapshot()

        let error = try #require(throws: ChatFilesError.self) {
            try temporary.store.write(chatID: "c1", userID: "mallory", filename: "b.txt", text: "theirs")
        }
        #expect(error.code == .permissionDenied)
        #expect(try temporary.snapshot() == before)
        #expect(try temporary.store.file(chatID: "c1", filename: "a.txt", userID: "mallory") == nil)
    }

    @Test("missing file is not found") func missingFile() throws {
        let temporary = try TemporaryStore()
        let readError = try #require(throws: ChatFilesError.self) {
            _ = try temporary.store.read(chatID: "c1", filename: "nope.txt")
        }
        #expect(readError.code == .fileNotFound)
        #expect(readError.message.contains("nope.txt"))

        let deleteError = try #require(throws: ChatFilesError.self) {
            try temporary.store.delete(chatID: "c1", filename: "nope.txt")
        }
        #expect(deleteError.code == .fileNotFound)
    }

    @Test("missing source file leaves no trace") func missingSourceFile() throws {
        let temporary = try TemporaryStore()
        let before = try temporary.snapshot()
        let error = try #require(throws: ChatFilesError.self) {
            try temporary.store.write(
                FileWrite(
                    chatID: "c1", userID: "u1", filename: "a.txt", content: .file(path: temporary.directory + "/absent")
                ))
        }
        #expect(error.code == .io)
        #expect(error.message.contains("absent"))
        #expect(try temporary.snapshot() == before)
    }
}
