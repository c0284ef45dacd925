import Foundation
import Testing

@testable import ChatFiles

@Suite struct RoundTripTests {
    static let contents: [(String, [UInt8])] = [
        ("empty", []),
        ("one byte", [0x41]),
        ("64 KiB text", Array(String(repeating: "print('hello, chat')\n", count: 3121).utf8.prefix(65536))),
        ("random 1 MiB", pseudoRandomBytes(count: 1 << 20, seed: 7)),
    ]

    @Test("write then read returns the bytes", arguments: contents)
    func writeThenRead(name: String, content: [UInt8]) throws {
        let temporary = try TemporaryStore()
        let file = try temporary.store.write(chatID: "c1", userID: "u1", filename: "data.bin", content: content)

        #expect(file.size == Int64(content.count))
        #expect(try temporary.store.read(chatID: "c1", filename: "data.bin") == content)
        try temporary.expectNoDanglingRows()
    }

    @Test("blob file is standard zlib named by sha256sum", arguments: contents)
    func blobFileFormat(name: String, content: [UInt8]) throws {
        let temporary = try TemporaryStore()
        let file = try temporary.store.write(chatID: "c1", userID: "u1", filename: "data.bin", content: content)
        let blobPath = temporary.store.blobs.path(for: file.blob)

        let contentPath = temporary.directory + "/content"
        try Data(content).write(to: URL(fileURLWithPath: contentPath))
        let sum = try run("/usr/bin/sha256sum", [contentPath])
        #expect(String(decoding: sum.output, as: UTF8.self).hasPrefix(file.blob.hex))
        #expect(blobPath.hasSuffix("/objects/" + file.blob.hex.prefix(2) + "/" + file.blob.hex.dropFirst(2)))

        let inflate = "import sys, zlib; sys.stdout.buffer.write(zlib.decompress(open(sys.argv[1], 'rb').read()))"
        let inflated = try run("/usr/bin/env", ["python3", "-c", inflate, blobPath])
        #expect(inflated.status == 0, "python3 zlib failed: \(inflated.errors)")
        #expect(Array(inflated.output) == content)

        let permissions = try FileManager.default.attributesOfItem(atPath: blobPath)[.posixPermissions] as? Int
        #expect(permissions == 0o400)
    }

    @Test("100 MiB round trip") func largeRoundTrip() throws {
        let temporary = try TemporaryStore()
        var content = [UInt8](repeating: 0, count: 100 << 20)
        let pattern = Array("2026-12-04,chat-export,42.5,\"quoted, value\"\n".utf8)
        for index in content.indices {
            content[index] = pattern[index % pattern.count] &+ UInt8(truncatingIfNeeded: index >> 20)
        }
        let file = try temporary.store.write(chatID: "c1", userID: "u1", filename: "export.csv", content: content)

        #expect(file.size == 100 << 20)
        #expect(try temporary.store.read(chatID: "c1", filename: "export.csv") == content)
    }

    @Test("random content grows at most 0.1%") func randomContentOverhead() throws {
        let temporary = try TemporaryStore()
        for (index, size) in [16384, 65536, 300_000, 4 << 20].enumerated() {
            let content = pseudoRandomBytes(count: size, seed: UInt64(index + 11))
            let file = try temporary.store.write(
                chatID: "c1", userID: "u1", filename: "random-\(index).bin", content: content)
            let stored = try #require(try temporary.store.blobs.status(of: file.blob)).size
            #expect(Double(stored) <= Double(size) * 1.001, "\(size) bytes stored as \(stored)")
        }
    }

    @Test("tiny random content costs a fixed overhead") func tinyRandomOverhead() throws {
        let temporary = try TemporaryStore()
        let content = pseudoRandomBytes(count: 1000, seed: 5)
        let file = try temporary.store.write(chatID: "c1", userID: "u1", filename: "tiny.bin", content: content)
        let stored = try #require(try temporary.store.blobs.status(of: file.blob)).size
        // A zlib header (2 bytes), one stored block header (5) and the Adler-32 trailer (4).
        #expect(stored <= 1000 + 11)
    }

    @Test("text content is stored compressed") func textIsCompressed() throws {
        let temporary = try TemporaryStore()
        let content = Array(String(repeating: "| step | status |\n|---|---|\n| plan | done |\n", count: 2000).utf8)
        try temporary.store.write(chatID: "c1", userID: "u1", filename: "todo.md", content: content)

        let statistics = try temporary.store.statistics()
        #expect(statistics.storedBytes < Int64(content.count) / 4)
        #expect(statistics.compressionRatio > 4)
    }

    @Test("string write reads back as text") func stringRoundTrip() throws {
        let temporary = try TemporaryStore()
        let text = "# Notes\n\nUnicode: é, 日本語, 🚀\n"
        let file = try temporary.store.write(chatID: "c1", userID: "u1", filename: "notes.md", text: text)

        #expect(try temporary.store.readText(chatID: "c1", filename: "notes.md") == text)
        #expect(file.fileType == .markdown)
    }
}
