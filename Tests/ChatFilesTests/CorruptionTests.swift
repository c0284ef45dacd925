import Foundation
import Testing

@testable import ChatFiles

@Suite struct CorruptionTests {
    enum Damage: String, CaseIterable {
        case flippedByte
        case truncated
        case emptied
        case removed
    }

    /// Writes a file, then damages its blob file in place.
    func damagedStore(_ damage: Damage) throws -> (TemporaryStore, ChatFile) {
        let temporary = try TemporaryStore()
        let content = Array(String(repeating: "row,value\n1,2\n", count: 5000).utf8)
        let file = try temporary.store.write(
            chatID: "chat-9", userID: "u1", filename: "data/report.csv", content: content)
        let path = temporary.store.blobs.path(for: file.blob)
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        switch damage {
        case .flippedByte:
            bytes[bytes.count / 2] ^= 0x01
        case .truncated:
            bytes.removeLast(bytes.count / 3)
        case .emptied:
            bytes = []
        case .removed:
            try FileManager.default.removeItem(atPath: path)
            return (temporary, file)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (temporary, file)
    }

    @Test("damaged blob throws naming the file", arguments: Damage.allCases)
    func damagedBlobThrows(damage: Damage) throws {
        let (temporary, file) = try damagedStore(damage)
        let expected: ChatFilesError.Code = damage == .removed ? .missingBlob : .corruptBlob

        let error = try #require(throws: ChatFilesError.self) {
            _ = try temporary.store.read(chatID: "chat-9", filename: "data/report.csv")
        }
        #expect(error.code == expected)
        #expect(error.message.contains("chat-9"))
        #expect(error.message.contains("data/report.csv"))
        #expect(error.message.contains(file.blob.hex))
    }

    @Test("damaged blob never reaches a target file", arguments: Damage.allCases)
    func damagedBlobNotCopied(damage: Damage) throws {
        let (temporary, _) = try damagedStore(damage)
        let target = temporary.directory + "/copy.csv"

        #expect(throws: ChatFilesError.self) {
            try temporary.store.read(chatID: "chat-9", filename: "data/report.csv", toFile: target)
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: temporary.directory)
        #expect(leftovers.filter { $0.hasPrefix("copy.csv") }.isEmpty)
    }

    @Test("writing same content repairs missing blob") func rewriteRepairsMissing() throws {
        let (temporary, file) = try damagedStore(.removed)
        let content = Array(String(repeating: "row,value\n1,2\n", count: 5000).utf8)
        // The blob row exists but its file is gone: the write must notice and publish the file again.
        let rewritten = try temporary.store.write(
            chatID: "chat-10", userID: "u1", filename: "copy.csv", content: content)

        #expect(rewritten.blob == file.blob)
        #expect(try temporary.store.read(chatID: "chat-9", filename: "data/report.csv") == content)
    }
}
