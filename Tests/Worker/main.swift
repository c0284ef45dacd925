// A helper process for the ChatFiles tests: it writes, reads and reports so that tests can run real
// concurrent processes against one store and measure a process's peak memory.
//
//   chatfiles-test-worker write-loop STORE CHAT COUNT    write COUNT files, print "ack NAME SHA256" after each
//   chatfiles-test-worker generate PATH BYTES            write a CSV-like file of BYTES bytes to PATH
//   chatfiles-test-worker put-file STORE CHAT NAME PATH  stream PATH into the store, print "peak-rss KIB"
//   chatfiles-test-worker get-file STORE CHAT NAME PATH  stream a file out to PATH, print "peak-rss KIB"
//   chatfiles-test-worker sha256 PATH                    print the SHA-256 of PATH, streamed
//   chatfiles-test-worker churn STORE CHAT SECONDS       delete files and write the same content again
//   chatfiles-test-worker fresh STORE CHAT SECONDS       write new content
//   chatfiles-test-worker gc-loop STORE SECONDS          collect garbage with no grace period, in a loop
//
// churn and fresh print "ack NAME SHA256" after each write returned and "del NAME" after each delete
// returned. With CHATFILES_TEST_SKIP_PRESENCE_CHECK=1 in the environment, writers skip the check under
// the write lock that the blob file is still present, which the stress test uses to show it is needed.
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

/// The process's peak resident set size in KiB, from the kernel's VmHWM line in /proc/self/status.
func peakResidentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? -1
    }
    return -1
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("chatfiles-test-worker: \(message)\n".utf8))
    exit(2)
}

func writeLoop(store path: String, chat: String, count: Int) throws {
    let store = try ChatFileStore(path: path)
    for index in 0..<count {
        let name = "file-\(index % 20).txt"
        let content =
            Array("process \(ProcessInfo.processInfo.processIdentifier) chat \(chat) write \(index)\n".utf8)
            + Array(repeating: UInt8(ascii: "a") + UInt8(index % 26), count: index % 5000)
        let file = try store.write(chatID: chat, userID: "worker", filename: name, content: content)
        let check = try store.read(chatID: chat, filename: name)
        // Each worker owns its chat, so nothing else can have rewritten the file in between.
        if check != content {
            fail("read after write returned other content for \(name)")
        }
        print("ack \(name) \(file.blob)")
    }
}

/// Writes CSV-like text: a 1 MiB block of rows, repeated with a changing block number so that the
/// content is not periodic within zlib's 32 KiB window.
func generate(path: String, bytes: Int) throws {
    var block = ""
    var row = 0
    while block.utf8.count < 1 << 20 {
        block += "\(row),user-\(row % 997),\(Double(row % 10007) / 7),2026-11-\(row % 28 + 1),status-\(row % 13)\n"
        row += 1
    }
    var blockBytes = Array(block.utf8.prefix(1 << 20))
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    guard let handle = FileHandle(forWritingAtPath: path) else { fail("cannot create \(path)") }
    var written = 0
    var number = 0
    while written < bytes {
        let stamp = Array(String(format: "%08d", number).utf8)
        blockBytes.replaceSubrange(0..<8, with: stamp)
        let count = min(blockBytes.count, bytes - written)
        try handle.write(contentsOf: blockBytes[0..<count])
        written += count
        number += 1
    }
    try handle.close()
}

func sha256(path: String) throws -> SHA256Digest {
    guard let handle = FileHandle(forReadingAtPath: path) else { fail("cannot open \(path)") }
    let hasher = SHA256Hasher()
    while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
        chunk.withUnsafeBytes { hasher.update($0) }
    }
    return hasher.finalize()
}

let arguments = CommandLine.arguments
do {
    switch arguments.count > 1 ? arguments[1] : "" {
    case "write-loop" where arguments.count == 5:
        try writeLoop(store: arguments[2], chat: arguments[3], count: Int(arguments[4])!)
    case "generate" where arguments.count == 4:
        try generate(path: arguments[2], bytes: Int(arguments[3])!)
    case "put-file" where arguments.count == 6:
        let store = try ChatFileStore(path: arguments[2])
        let file = try store.write(
            FileWrite(
                chatID: arguments[3], userID: "worker", filename: arguments[4], content: .file(path: arguments[5])))
        print("blob \(file.blob) size \(file.size)")
        print("peak-rss \(peakResidentKiB())")
    case "get-file" where arguments.count == 6:
        let store = try ChatFileStore(path: arguments[2])
        try store.read(chatID: arguments[3], filename: arguments[4], toFile: arguments[5])
        print("peak-rss \(peakResidentKiB())")
    case "churn" where arguments.count == 5:
        try churn(store: arguments[2], chat: arguments[3], seconds: Double(arguments[4])!)
    case "fresh" where arguments.count == 5:
        try fresh(store: arguments[2], chat: arguments[3], seconds: Double(arguments[4])!)
    case "gc-loop" where arguments.count == 4:
        try collectLoop(store: arguments[2], seconds: Double(arguments[3])!)
    case "sha256" where arguments.count == 3:
        print(try sha256(path: arguments[2]))
    default:
        fail("unknown or incomplete command: \(arguments.dropFirst().joined(separator: " "))")
    }
} catch {
    fail("\(error)")
}
