import Foundation
import Testing

@testable import ChatFiles

@Suite struct RepairTests {
    enum Damage: String, CaseIterable {
        case flippedByte, truncated, emptied, removed, replacedBySymlink
    }

    static let content = Array(String(repeating: "step,status\nload,done\n", count: 3000).utf8)

    func damage(_ damage: Damage, at path: String) throws {
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        try FileManager.default.removeItem(atPath: path)
        switch damage {
        case .flippedByte: bytes[bytes.count / 2] ^= 0x04
        case .truncated: bytes.removeLast(bytes.count / 2)
        case .emptied: bytes = []
        case .removed: return
        case .replacedBySymlink:
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/etc/hostname")
            return
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test("rewriting the content repairs the blob", arguments: Damage.allCases)
    func rewriteRepairs(damage kind: Damage) throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let file = try store.write(chatID: "c1", userID: "u1", filename: "plan.csv", content: Self.content)
        try damage(kind, at: store.blobs.path(for: file.blob))

        #expect(throws: ChatFilesError.self) {
            _ = try store.read(chatID: "c1", filename: "plan.csv")
        }
        try store.write(chatID: "c2", userID: "u1", filename: "again.csv", content: Self.content)

        #expect(try store.read(chatID: "c1", filename: "plan.csv") == Self.content)
        #expect(try store.verify().isHealthy)
        let status = try #require(try store.blobs.status(of: file.blob))
        #expect(status.isRegularFile)
        #expect(status.permissions == 0o400)
    }

    @Test("read sets a corrupt file aside") func corruptFileSetAside() throws {
        let temporary = try TemporaryStore()
        let file = try temporary.store.write(chatID: "c1", userID: "u1", filename: "plan.csv", content: Self.content)
        try damage(.flippedByte, at: temporary.store.blobs.path(for: file.blob))

        #expect(throws: ChatFilesError.self) {
            _ = try temporary.store.read(chatID: "c1", filename: "plan.csv")
        }
        #expect(try !temporary.store.blobs.contains(file.blob))
        #expect(try temporary.temporaryFiles().contains { $0.hasPrefix("corrupt-\(file.blob.hex)") })
    }

    @Test("zlib bomb is rejected quickly") func zlibBomb() throws {
        let temporary = try TemporaryStore()
        let file = try temporary.store.write(chatID: "c1", userID: "u1", filename: "small.txt", text: "tiny")
        // 512 MiB of zeros compresses to about 500 KiB; the read must stop after the recorded 4 bytes.
        let zeros = [UInt8](repeating: 0, count: 512 << 20)
        let bomb = try temporary.store.withCodec { codec in
            try zeros.withUnsafeBytes { try temporary.store.blobs.stage($0, codec: codec) }
        }
        let path = temporary.store.blobs.path(for: file.blob)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: bomb.temporaryPath, toPath: path)

        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(throws: ChatFilesError.self) {
            _ = try temporary.store.read(chatID: "c1", filename: "small.txt")
        }
        #expect(error.code == .corruptBlob)
        #expect(error.message.contains("more than the recorded 4 bytes"))
        #expect(clock.now - start < .seconds(5))
    }
}
