import Foundation
import Testing

@testable import ChatFiles

@Suite struct StoreOpeningTests {
    @Test("store reopens with its files") func reopen() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let store = try ChatFileStore(path: directory + "/store")
            try store.write(chatID: "c1", userID: "u1", filename: "a.txt", text: "persisted")
        }
        let reopened = try ChatFileStore(path: directory + "/store")
        #expect(try reopened.readText(chatID: "c1", filename: "a.txt") == "persisted")
    }

    @Test("newer schema is rejected") func newerSchema() throws {
        let temporary = try TemporaryStore()
        try temporary.store.withReader { connection in
            try connection.execute("PRAGMA user_version = \(Schema.currentVersion + 1)")
        }
        let error = try #require(throws: ChatFilesError.self) {
            _ = try ChatFileStore(path: temporary.path)
        }
        #expect(error.code == .schemaTooNew)
        #expect(error.message.contains("upgrade"))
    }

    @Test("a regular file is not a store") func fileIsNotStore() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: path))

        let error = try #require(throws: ChatFilesError.self) {
            _ = try ChatFileStore(path: path)
        }
        #expect(error.code == .invalidStore)
        #expect(error.message.contains(path))
    }

    @Test("a non-empty folder is not a store") func foreignFolder() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/notes.txt"))

        let error = try #require(throws: ChatFilesError.self) {
            _ = try ChatFileStore(path: directory)
        }
        #expect(error.code == .invalidStore)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["notes.txt"])
    }

    @Test("new store folders are private") func privateFolders() throws {
        let temporary = try TemporaryStore()
        for folder in ["", "/objects", "/tmp"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: temporary.path + folder)
            #expect(attributes[.posixPermissions] as? Int == 0o700, "folder '\(folder)'")
        }
    }
}
