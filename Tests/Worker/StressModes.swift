// Modes for the collection stress test: writers that churn blobs and a collector with no grace period.
@_spi(Testing) import ChatFiles
import Foundation

func openStore(_ path: String) throws -> ChatFileStore {
    var options = StoreOptions()
    options.skipsBlobPresenceCheck = ProcessInfo.processInfo.environment["CHATFILES_TEST_SKIP_PRESENCE_CHECK"] == "1"
    return try ChatFileStore(path: path, options: options)
}

/// Deletes each of 8 files and writes its same content again, so that its blob becomes unreferenced
/// and referenced again while a collection with no grace period runs.
func churn(store path: String, chat: String, seconds: Double) throws {
    let store = try openStore(path)
    let deadline = Date().addingTimeInterval(seconds)
    let names = (0..<8).map { "churn-\($0).md" }
    for name in names {
        let file = try store.write(chatID: chat, userID: "worker", filename: name, text: "# \(chat) \(name)\n")
        print("ack \(name) \(file.blob)")
    }
    var round = 0
    while Date() < deadline {
        let name = names[round % names.count]
        try store.delete(chatID: chat, filename: name)
        print("del \(name)")
        let file = try store.write(chatID: chat, userID: "worker", filename: name, text: "# \(chat) \(name)\n")
        print("ack \(name) \(file.blob)")
        round += 1
    }
}

/// Writes new content over a rotating set of names, leaving the replaced blobs as garbage.
func fresh(store path: String, chat: String, seconds: Double) throws {
    let store = try openStore(path)
    let deadline = Date().addingTimeInterval(seconds)
    var round = 0
    while Date() < deadline {
        let name = "fresh-\(round % 16).csv"
        let file = try store.write(chatID: chat, userID: "worker", filename: name, text: "round,\(round)\n")
        print("ack \(name) \(file.blob)")
        round += 1
    }
}

func collectLoop(store path: String, seconds: Double) throws {
    let store = try openStore(path)
    let deadline = Date().addingTimeInterval(seconds)
    var removed = 0
    var rounds = 0
    while Date() < deadline {
        removed += try store.collectGarbage(CollectionOptions(gracePeriod: .zero)).removedBlobs
        rounds += 1
    }
    print("collections \(rounds) removed \(removed)")
}
