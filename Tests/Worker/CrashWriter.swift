// The crash-writer mode runs random operations on a few chats. It announces each one before it starts
// and acknowledges it after it returns, so a test that kills it with SIGKILL can tell which states every
// file may be in.
import ChatFiles
import Foundation

/// The chats and filenames the crash writer works on: 4 chats of 10 names, 40 files at most.
let crashChats = (0..<4).map { "chat-\($0)" }
let crashFilenames = [
    "todo.md", "notes.txt", "report.md", "config.json", "export.csv", "plot.py", "src/app.py",
    "src/util/strings.py", "data/2026/rows.csv", "empty.txt",
]

/// A chat and filename, the unit that the crash test tracks.
struct CrashFileKey: Hashable {
    let chatID: String
    let filename: String
}

/// SplitMix64: a small seeded generator, so that a seed reproduces a run's choices.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Writes one line to standard output with write(2), so that it reaches the file before the operation
/// it announces starts. A stdio buffer would be lost when the process is killed.
func emitLine(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let written = write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { fail("cannot write to standard output (errno \(errno))") }
            offset += written
        }
    }
}

/// The state of one crash-writer process: the store, the random choices and what it believes is stored.
final class CrashWriter {
    let store: ChatFileStore
    let sourceDirectory: String
    var random: SeededGenerator
    /// The content hash of every file that exists, as of the last acknowledged operation.
    var current: [CrashFileKey: SHA256Digest] = [:]
    /// Numbers every new content, so that no two writes of new content are identical.
    var contentCounter = 0
    /// The last 16 contents written, which may have been replaced or deleted since. Writing one again
    /// references a blob that a collection may be removing at that moment.
    var recentContents: [[UInt8]] = []
    let seed: UInt64

    init(storePath: String, seed: UInt64) throws {
        self.seed = seed
        store = try ChatFileStore(path: storePath)
        sourceDirectory = (storePath as NSString).deletingLastPathComponent
        random = SeededGenerator(seed: seed)
        for chat in crashChats {
            for file in try store.files(inChat: chat) {
                current[CrashFileKey(chatID: chat, filename: file.filename)] = file.blob
            }
        }
    }

    func chance(_ percent: UInt64) -> Bool {
        random.next() % 100 < percent
    }

    func randomKey() -> CrashFileKey {
        CrashFileKey(
            chatID: crashChats[Int(random.next() % UInt64(crashChats.count))],
            filename: crashFilenames[Int(random.next() % UInt64(crashFilenames.count))])
    }

    func randomExistingKey() -> CrashFileKey? {
        let keys = current.keys.sorted { ($0.chatID, $0.filename) < ($1.chatID, $1.filename) }
        return keys.isEmpty ? nil : keys[Int(random.next() % UInt64(keys.count))]
    }

    /// Content that this process has not written yet: mostly small text, sometimes empty, sometimes up
    /// to 256 KiB of incompressible bytes so that a kill can land while zlib is busy. One in five is one
    /// of 24 fixed texts that every worker uses, so that later workers write again content whose blob
    /// an earlier one deleted, replaced, or left behind when it was killed.
    func newContent() -> [UInt8] {
        contentCounter += 1
        let stamp = "seed \(seed) pid \(getpid()) content \(contentCounter)\n"
        let roll = random.next() % 100
        if roll < 5 {
            return []
        }
        if roll < 25 {
            let number = random.next() % 24
            return Array(String(repeating: "shared text \(number)\n", count: Int(number) * 40 + 1).utf8)
        }
        if roll < 80 {
            let lines = Int(random.next() % 200)
            return Array((stamp + String(repeating: "- [ ] step \(contentCounter)\n", count: lines)).utf8)
        }
        var bytes = Array(stamp.utf8)
        let count = 16_384 + Int(random.next() % 245_760)
        bytes.reserveCapacity(bytes.count + count)
        while bytes.count < count {
            withUnsafeBytes(of: random.next()) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// Content written before: a stored file's, or a recent one that may no longer be referenced.
    func earlierContent() throws -> [UInt8]? {
        if chance(50), !recentContents.isEmpty {
            return recentContents[Int(random.next() % UInt64(recentContents.count))]
        }
        guard let key = randomExistingKey() else { return nil }
        return try store.read(chatID: key.chatID, filename: key.filename)
    }

    func remember(_ content: [UInt8]) {
        recentContents.append(content)
        if recentContents.count > 16 {
            recentContents.removeFirst()
        }
    }

    /// Writes `content` to a file outside the store, for a streamed write.
    func sourceFile(_ content: [UInt8], index: Int) throws -> String {
        let path = sourceDirectory + "/source-\(getpid())-\(index)"
        try Data(content).write(to: URL(fileURLWithPath: path))
        return path
    }

    func run(seconds: Double) throws {
        emitLine("ready")
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let roll = random.next() % 100
            switch roll {
            case 0..<50: try writeOne()
            case 50..<68: try writeBatch()
            case 68..<84: try deleteOne()
            case 84..<86: try deleteChat()
            default: try collect()
            }
        }
        emitLine("done")
    }

    func writeOne() throws {
        let key = randomKey()
        var kind = "new"
        var bytes: [UInt8]
        if chance(30), let existing = try earlierContent() {
            kind = "same"
            bytes = existing
        } else {
            bytes = newContent()
        }
        var content = FileWrite.Content.bytes(bytes)
        if chance(25) {
            kind += "-file"
            content = .file(path: try sourceFile(bytes, index: 0))
        }
        let digest = SHA256Hasher.hash(bytes)
        emitLine("begin write \(key.chatID) \(key.filename) \(digest.hex) \(kind)")
        try store.write(FileWrite(chatID: key.chatID, userID: "worker", filename: key.filename, content: content))
        emitLine("ack")
        current[key] = digest
        remember(bytes)
    }

    func writeBatch() throws {
        let count = 2 + Int(random.next() % 19)
        var requests: [FileWrite] = []
        var effects: [(CrashFileKey, SHA256Digest)] = []
        for index in 0..<count {
            let key = randomKey()
            var bytes: [UInt8]
            if chance(25), let existing = try earlierContent() {
                bytes = existing
            } else {
                bytes = newContent()
            }
            var content = FileWrite.Content.bytes(bytes)
            if chance(20) {
                content = .file(path: try sourceFile(bytes, index: index))
            }
            requests.append(FileWrite(chatID: key.chatID, userID: "worker", filename: key.filename, content: content))
            effects.append((key, SHA256Hasher.hash(bytes)))
            remember(bytes)
        }
        let described = effects.map { "\($0.0.chatID) \($0.0.filename) \($0.1.hex)" }
        emitLine("begin batch " + described.joined(separator: " "))
        try store.write(batch: requests)
        emitLine("ack")
        for (key, digest) in effects {
            current[key] = digest
        }
    }

    func deleteOne() throws {
        let key = (chance(85) ? randomExistingKey() : nil) ?? randomKey()
        emitLine("begin delete \(key.chatID) \(key.filename)")
        do {
            try store.delete(chatID: key.chatID, filename: key.filename)
        } catch let error as ChatFilesError where error.code == .fileNotFound {
            // Deleting a file that does not exist leaves it absent, which is the announced state.
        }
        emitLine("ack")
        current[key] = nil
    }

    func deleteChat() throws {
        let chat = crashChats[Int(random.next() % UInt64(crashChats.count))]
        emitLine("begin delete-chat \(chat)")
        try store.deleteChat(chatID: chat)
        emitLine("ack")
        current = current.filter { $0.key.chatID != chat }
    }

    func collect() throws {
        let isFullSweep = chance(35)
        emitLine("begin collect \(isFullSweep ? "full" : "plain")")
        try store.collectGarbage(CollectionOptions(gracePeriod: .zero, isFullSweep: isFullSweep))
        emitLine("ack")
    }

    /// Starts a thread that collects garbage with no grace period every few milliseconds, so that
    /// blobs vanish between a write's check and its commit, as with a collector in another process.
    func startBackgroundCollector() {
        let store = store
        let seed = seed
        let thread = Thread {
            var random = SeededGenerator(seed: seed ^ 0xC011_EC70)
            while true {
                do {
                    try store.collectGarbage(CollectionOptions(gracePeriod: .zero))
                } catch {
                    fail("background collection failed: \(error)")
                }
                usleep(UInt32(500 + random.next() % 2_500))
            }
        }
        thread.start()
    }
}

/// Runs the crash writer until it is killed, or for `seconds` if no test kills it.
///
/// Odd seeds also run a background collector thread.
func crashWriter(store path: String, seed: UInt64, seconds: Double) throws {
    let writer = try CrashWriter(storePath: path, seed: seed)
    if seed % 2 == 1 {
        writer.startBackgroundCollector()
    }
    try writer.run(seconds: seconds)
}
