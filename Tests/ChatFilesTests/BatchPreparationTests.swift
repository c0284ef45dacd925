import Foundation
import Testing

@testable import ChatFiles

/// A batch's items are hashed, compressed and published on several threads. These tests check that the
/// outcome is the same as preparing one item after another.
@Suite struct BatchPreparationTests {
    @Test("rows come back in request order") func requestOrder() throws {
        let temporary = try TemporaryStore()
        let files = (0..<64).map { index in
            FileWrite(
                chatID: "c1", userID: "u1", filename: "file-\(index).txt",
                content: .bytes(Array("content \(index % 8)\n".utf8) + pseudoRandomBytes(count: index * 997, seed: 1)))
        }

        let rows = try temporary.store.write(batch: files)

        #expect(rows.map(\.filename) == files.map(\.filename))
        for (row, file) in zip(rows, files) {
            guard case .bytes(let content) = file.content else { continue }
            #expect(row.blob == SHA256Hasher.hash(content))
            #expect(try temporary.store.read(chatID: "c1", filename: row.filename) == content)
        }
        #expect(try temporary.temporaryFiles().isEmpty)
    }

    @Test("equal contents in one batch share a blob") func duplicatesInBatch() throws {
        let temporary = try TemporaryStore()
        let content = Array(String(repeating: "same line\n", count: 5000).utf8)
        let files = (0..<32).map { index in
            FileWrite(chatID: "c1", userID: "u1", filename: "copy-\(index).txt", content: .bytes(content))
        }

        try temporary.store.write(batch: files)

        #expect(try temporary.store.statistics().blobs == 1)
        #expect(try temporary.blobFiles().count == 1)
        #expect(try temporary.temporaryFiles().isEmpty)
    }

    @Test("a failed item leaves no trace") func failedItemLeavesNoTrace() throws {
        let temporary = try TemporaryStore()
        let before = try temporary.snapshot()
        var files = (0..<16).map { index in
            FileWrite(
                chatID: "c1", userID: "u1", filename: "file-\(index).txt",
                content: .bytes(pseudoRandomBytes(count: 20_000, seed: UInt64(index))))
        }
        files.insert(
            FileWrite(
                chatID: "c1", userID: "u1", filename: "missing.csv",
                content: .file(path: temporary.directory + "/no-such-file.csv")),
            at: 5)

        let error = try #require(throws: ChatFilesError.self) {
            try temporary.store.write(batch: files)
        }

        #expect(error.code == .io)
        #expect(error.message.contains("no-such-file.csv"), "message: \(error.message)")
        #expect(try temporary.snapshot() == before)
    }
}
