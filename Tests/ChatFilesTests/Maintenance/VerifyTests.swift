import Foundation
import Testing

@testable import ChatFiles

@Suite struct VerifyTests {
    @Test("healthy store verifies clean") func healthyStore() throws {
        let temporary = try TemporaryStore()
        for index in 0..<20 {
            try temporary.store.write(
                chatID: "c\(index % 3)", userID: "u1", filename: "f\(index).md", text: "# \(index)\n")
        }
        let report = try temporary.store.verify()
        #expect(report.isHealthy)
        #expect(report.filesChecked == 20)
        #expect(report.blobsChecked == 20)
        #expect(report.blobsRehashed == 20)
        #expect(report.orphanFiles.isEmpty)
    }

    @Test("flipped, missing and orphan are each reported") func threeProblems() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let flipped = try store.write(
            chatID: "chat-a", userID: "u1", filename: "report.csv", text: String(repeating: "a,b\n", count: 4000))
        try store.write(
            chatID: "chat-b", userID: "u1", filename: "copy.csv", text: String(repeating: "a,b\n", count: 4000))
        let missing = try store.write(chatID: "chat-a", userID: "u1", filename: "notes.md", text: "# notes\n")
        try store.write(chatID: "chat-a", userID: "u1", filename: "fine.py", text: "print('ok')\n")

        let flippedPath = store.blobs.path(for: flipped.blob)
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: flippedPath)))
        bytes[bytes.count / 2] ^= 0x20
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: flippedPath)
        try Data(bytes).write(to: URL(fileURLWithPath: flippedPath))
        try FileManager.default.removeItem(atPath: store.blobs.path(for: missing.blob))
        let orphan = try store.withCodec { codec in
            try Array("orphan".utf8).withUnsafeBytes { try store.blobs.stage($0, codec: codec) }
        }
        try store.blobs.publish(orphan)
        store.blobs.discard(orphan)

        let report = try store.verify()
        #expect(report.problems.count == 2)
        let corrupt = try #require(report.problems.first { $0.kind == .corruptBlob })
        #expect(corrupt.blob == flipped.blob)
        #expect(corrupt.files.map(\.filename).sorted() == ["copy.csv", "report.csv"])
        #expect(corrupt.message.contains("chat-a"))
        let absent = try #require(report.problems.first { $0.kind == .missingBlobFile })
        #expect(absent.files == [VerifyProblem.AffectedFile(chatID: "chat-a", filename: "notes.md")])
        #expect(report.orphanFiles == ["objects/" + orphan.digest.hex.prefix(2) + "/" + orphan.digest.hex.dropFirst(2)])
        #expect(report.orphanBytes > 0)
    }

    @Test("crash leftovers are not problems") func leftoversAreHealthy() throws {
        let temporary = try TemporaryStore()
        try temporary.store.write(chatID: "c1", userID: "u1", filename: "a.txt", text: "a")
        try Data("partial".utf8).write(to: URL(fileURLWithPath: temporary.path + "/tmp/1-abc.tmp"))
        let orphan = try temporary.store.withCodec { codec in
            try Array("orphan".utf8).withUnsafeBytes { try temporary.store.blobs.stage($0, codec: codec) }
        }
        try temporary.store.blobs.publish(orphan)
        temporary.store.blobs.discard(orphan)

        let report = try temporary.store.verify()
        #expect(report.isHealthy)
        #expect(report.orphanFiles.count == 1)
        #expect(report.temporaryFiles == 1)
        #expect(report.temporaryBytes == 7)
    }

    @Test("sample re-hashes a share of blobs") func sampling() throws {
        let temporary = try TemporaryStore()
        let files = (0..<200).map {
            FileWrite(chatID: "c1", userID: "u1", filename: "f\($0)", content: .bytes(Array("\($0)".utf8)))
        }
        try temporary.store.write(batch: files)

        let none = try temporary.store.verify(VerifyOptions(samplePercent: 0))
        #expect(none.blobsChecked == 200)
        #expect(none.blobsRehashed == 0)
        let some = try temporary.store.verify(VerifyOptions(samplePercent: 25))
        #expect(some.blobsRehashed > 10)
        #expect(some.blobsRehashed < 100)
    }

    @Test("stored size mismatch is reported") func sizeMismatch() throws {
        let temporary = try TemporaryStore()
        let file = try temporary.store.write(chatID: "c1", userID: "u1", filename: "a.txt", text: "content")
        let path = temporary.store.blobs.path(for: file.blob)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0]))
        try handle.close()

        let report = try temporary.store.verify(VerifyOptions(samplePercent: 0))
        #expect(report.problems.map(\.kind) == [.storedSizeMismatch])
        #expect(report.problems.first?.files.first?.filename == "a.txt")
    }
}
