import Foundation
import Testing

@testable import ChatFiles

@Suite struct FreeSpaceTests {
    @Test("floor rejects new content early") func floorRejects() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let plain = try ChatFileStore(path: directory + "/store")
        try plain.write(chatID: "c1", userID: "u1", filename: "kept.txt", text: "already stored")

        var options = StoreOptions()
        options.minimumFreeBytes = Int64.max / 4
        let guarded = try ChatFileStore(path: directory + "/store", options: options)
        let error = try #require(throws: ChatFilesError.self) {
            try guarded.write(chatID: "c1", userID: "u1", filename: "new.txt", text: "new content")
        }
        #expect(error.code == .outOfSpace)
        #expect(error.message.contains("new.txt"))
        #expect(error.message.contains("minimumFreeBytes"))
        #expect(try guarded.file(chatID: "c1", filename: "new.txt") == nil)

        // Content already stored takes no space, so it is accepted below the floor.
        try guarded.write(chatID: "c1", userID: "u1", filename: "copy.txt", text: "already stored")
        #expect(try guarded.readText(chatID: "c1", filename: "copy.txt") == "already stored")
        #expect(try listFiles(under: directory + "/store/tmp").isEmpty)
    }

    @Test("floor stops a streamed write") func floorStopsStream() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var options = StoreOptions()
        options.minimumFreeBytes = Int64.max / 4
        let store = try ChatFileStore(path: directory + "/store", options: options)
        let source = directory + "/input.csv"
        try Data(String(repeating: "a,b\n", count: 1000).utf8).write(to: URL(fileURLWithPath: source))

        let error = try #require(throws: ChatFilesError.self) {
            try store.write(FileWrite(chatID: "c1", userID: "u1", filename: "in.csv", content: .file(path: source)))
        }
        #expect(error.code == .outOfSpace)
        #expect(try listFiles(under: directory + "/store/tmp").isEmpty)
        #expect(try listFiles(under: directory + "/store/objects").isEmpty)
    }
}
