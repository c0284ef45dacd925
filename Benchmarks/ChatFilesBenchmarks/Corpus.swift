import BlobStore
import Foundation

/// One file of the corpus, with the chat, user and filename it is written under.
struct CorpusFile: Sendable {
    var chatID: String
    var userID: String
    var filename: String
    var kind: ContentKind
    var content: [UInt8]
    /// The JSON metadata every system stores with the file, as a chat backend would.
    var metadata: String

    var size: Int64 { Int64(content.count) }

    /// Returns the same content under another chat, as when a chat regenerates a file it already has.
    func copied(toChat chatID: String) -> CorpusFile {
        var copy = self
        copy.chatID = chatID
        return copy
    }
}

/// The files every scenario works on, identical for every system in a run.
struct Corpus: Sendable {
    /// All files in order; a file whose content appeared earlier is a duplicate.
    var files: [CorpusFile]
    /// Indexes into ``files`` of the files whose content appears for the first time.
    var uniqueIndexes: [Int]
    /// Indexes into ``files`` of the files whose content appeared earlier.
    var duplicateIndexes: [Int]
    /// Where the files came from, for the report.
    var source: String

    /// The largest file of the write-duplicate scenario.
    static let smallFileLimit = 64 * 1024
    /// Files per chat.
    static let chatSize = 20

    var uniqueFiles: [CorpusFile] { uniqueIndexes.map { files[$0] } }
    var duplicateFiles: [CorpusFile] { duplicateIndexes.map { files[$0] } }
    var logicalBytes: Int64 { files.reduce(0) { $0 + $1.size } }
    var uniqueBytes: Int64 { uniqueIndexes.reduce(0) { $0 + files[$1].size } }
    var smallFiles: [CorpusFile] { files.filter { $0.content.count <= Self.smallFileLimit } }

    /// Generates `count` files from `seed`.
    ///
    /// - Every 100th file (at index 50, 150, …) is 1–8 MiB; the others are 1–64 KiB, log-uniformly.
    /// - Three files in ten (indexes ending in 2, 5 and 8) repeat the content of an earlier file
    ///   under their own chat and name, as when a chat regenerates a file.
    /// - `incompressibleShare` of the new files are random bytes.
    static func generate(count: Int, seed: UInt64, incompressibleShare: Double) -> Corpus {
        var random = SeededGenerator(seed: seed)
        var generator = ContentGenerator(seed: seed &+ 1)
        let weights: [(ContentKind, Double)] = [
            (.python, 0.30), (.markdown, 0.25), (.csv, 0.15), (.json, 0.15), (.text, 0.15),
        ]
        var files: [CorpusFile] = []
        var unique: [Int] = []
        var duplicates: [Int] = []
        for index in 0..<count {
            let (chatID, userID) = chat(for: index)
            if [2, 5, 8].contains(index % 10), !unique.isEmpty {
                let original = files[unique[random.below(unique.count)]]
                files.append(
                    CorpusFile(
                        chatID: chatID, userID: userID, filename: filename(original.kind, index: index),
                        kind: original.kind, content: original.content, metadata: metadata(index)))
                duplicates.append(index)
                continue
            }
            var kind = ContentKind.text
            if random.chance(incompressibleShare) {
                kind = .binary
            } else {
                var pick = random.unit()
                for (candidate, weight) in weights {
                    kind = candidate
                    pick -= weight
                    if pick < 0 { break }
                }
            }
            let size =
                index % 100 == 50
                ? random.within(1 << 20...8 << 20)
                : Int(1024 * pow(64, random.unit()))
            files.append(
                CorpusFile(
                    chatID: chatID, userID: userID, filename: filename(kind, index: index), kind: kind,
                    content: generator.make(kind, size: size), metadata: metadata(index)))
            unique.append(index)
        }
        return Corpus(
            files: files, uniqueIndexes: unique, duplicateIndexes: duplicates,
            source: "generated: \(count) files, seed \(seed), \(Int(incompressibleShare * 100))% incompressible")
    }

    /// Loads the regular files under `folder` (without following symbolic links), sorted by path;
    /// with `limit`, only the first `limit` of them. Files with identical content count as duplicates.
    static func load(folder: String, limit: Int?) throws -> Corpus {
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw BenchmarkError("cannot list '\(folder)'")
        }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let attributes = enumerator.fileAttributes
            if attributes?[.type] as? FileAttributeType == .typeRegular {
                paths.append(relative)
            }
        }
        paths.sort()
        if let limit { paths = Array(paths.prefix(limit)) }

        var files: [CorpusFile] = []
        var unique: [Int] = []
        var duplicates: [Int] = []
        var seen: Set<SHA256Digest> = []
        for (index, relative) in paths.enumerated() {
            guard let data = FileManager.default.contents(atPath: root + "/" + relative) else {
                throw BenchmarkError("cannot read '\(root)/\(relative)'")
            }
            let content = [UInt8](data)
            let (chatID, userID) = chat(for: index)
            let kind = ContentKind(fileExtension: (relative as NSString).pathExtension)
            // Folder paths are not always valid store filenames, so each file gets a generated name.
            files.append(
                CorpusFile(
                    chatID: chatID, userID: userID, filename: filename(kind, index: index), kind: kind,
                    content: content, metadata: metadata(index)))
            if seen.insert(SHA256Hasher.hash(content)).inserted {
                unique.append(index)
            } else {
                duplicates.append(index)
            }
        }
        guard !files.isEmpty else { throw BenchmarkError("'\(folder)' has no regular files") }
        return Corpus(
            files: files, uniqueIndexes: unique, duplicateIndexes: duplicates,
            source: "folder: \(files.count) regular files")
    }

    private static func chat(for index: Int) -> (chatID: String, userID: String) {
        let chat = index / chatSize
        return ("chat-\(chat)", "user-\(chat % 37)")
    }

    private static func filename(_ kind: ContentKind, index: Int) -> String {
        let stem =
            switch kind {
            case .python: index % 3 == 0 ? "src/analysis" : "script"
            case .markdown: index % 4 == 0 ? "notes/report" : "summary"
            case .csv: "export"
            case .json: "data/records"
            case .text: "output"
            case .binary: "attachment"
            }
        return "\(stem)-\(index).\(kind.fileExtension)"
    }

    private static func metadata(_ index: Int) -> String {
        #"{"source": "assistant", "turn": \#(index % 50), "tool": "code_interpreter"}"#
    }
}

/// Writes a CSV export of exactly `size` bytes to `path`, one 1 MiB buffer at a time, so that memory
/// stays flat for a 1 GiB file. Rows are generated from `seed` and never repeat within zlib's window.
func writeLargeCSV(path: String, size: Int64, seed: UInt64) throws {
    let fileSystem = FileSystem.live
    let file = try fileSystem.createExclusively(path, permissions: 0o600)
    var random = SeededGenerator(seed: seed)
    var buffer: [UInt8] = []
    buffer.reserveCapacity((1 << 20) + 256)
    buffer.append(contentsOf: "order_id,timestamp,customer,region,sku,quantity,unit_price,status\n".utf8)
    var written: Int64 = 0
    var orderID = 1_000_000

    func appendNumber(_ value: Int, digits: Int) {
        var divisor = 1
        for _ in 1..<digits { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    while written < size {
        while buffer.count < 1 << 20 {
            orderID += random.within(1...3)
            appendNumber(orderID, digits: 8)
            buffer.append(contentsOf: ",2026-".utf8)
            appendNumber(random.within(1...12), digits: 2)
            buffer.append(UInt8(ascii: "-"))
            appendNumber(random.within(1...28), digits: 2)
            buffer.append(UInt8(ascii: "T"))
            appendNumber(random.within(0...23), digits: 2)
            buffer.append(UInt8(ascii: ":"))
            appendNumber(random.within(0...59), digits: 2)
            buffer.append(contentsOf: ":00Z,customer_".utf8)
            appendNumber(random.within(1...99_999), digits: 5)
            buffer.append(UInt8(ascii: ","))
            buffer.append(contentsOf: Vocabulary.regions[random.below(Vocabulary.regions.count)].utf8)
            buffer.append(contentsOf: ",SKU-".utf8)
            appendNumber(random.within(1...4000), digits: 4)
            buffer.append(UInt8(ascii: ","))
            appendNumber(random.within(1...40), digits: 2)
            buffer.append(UInt8(ascii: ","))
            appendNumber(random.within(1...999), digits: 3)
            buffer.append(UInt8(ascii: "."))
            appendNumber(random.within(0...99), digits: 2)
            buffer.append(UInt8(ascii: ","))
            buffer.append(contentsOf: Vocabulary.statuses[random.below(Vocabulary.statuses.count)].utf8)
            buffer.append(UInt8(ascii: "\n"))
        }
        let count = Int(min(Int64(buffer.count), size - written))
        do {
            try buffer.withUnsafeBytes { try fileSystem.write(file, UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        } catch {
            fileSystem.closeIgnoringErrors(file)
            throw error
        }
        written += Int64(count)
        buffer.removeAll(keepingCapacity: true)
    }
    try fileSystem.close(file)
}

/// A failure of the benchmark itself, with a message for the user.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
