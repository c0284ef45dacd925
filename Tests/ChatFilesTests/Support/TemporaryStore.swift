import Foundation
import Testing

@testable import ChatFiles

/// A store in a fresh temporary directory, removed when the test ends.
final class TemporaryStore: Sendable {
    let directory: String
    let store: ChatFileStore

    var path: String { store.path }

    init(options: StoreOptions = StoreOptions()) throws {
        directory = try makeTemporaryDirectory()
        store = try ChatFileStore(path: directory + "/store", options: options)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The store's files under `objects/` and `tmp/`, as paths relative to the store.
    func blobFiles() throws -> [String] {
        try listFiles(under: path + "/objects").sorted()
    }

    func temporaryFiles() throws -> [String] {
        try listFiles(under: path + "/tmp").sorted()
    }

    /// Every row of `chat_files` and `blobs`, as text, to compare a store before and after an operation.
    func snapshot() throws -> [String] {
        try fileRows()
            + store.withReader { connection in
                try connection.query(
                    "SELECT hex(hash), size_bytes, stored_bytes, unreferenced_since FROM blobs ORDER BY hash"
                ) { row in (0..<4).map { row.text(Int32($0)) }.joined(separator: "|") }
            } + blobFiles() + temporaryFiles()
    }

    /// Returns every `chat_files` row as "id|chat|filename|BLOB HEX|size|updated_at", ordered by id.
    func fileRows() throws -> [String] {
        try store.withReader { connection in
            try connection.query(
                "SELECT id, chat_id, filename, hex(blob), size_bytes, updated_at FROM chat_files ORDER BY id"
            ) { row in (0..<6).map { row.text(Int32($0)) }.joined(separator: "|") }
        }
    }

    /// Checks the store's first invariant: every row points to a blob row whose file contains exactly
    /// the named content.
    func expectNoDanglingRows(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let rows = try store.withReader { connection in
            try connection.query(
                """
                SELECT f.chat_id, f.filename, b.hash IS NOT NULL FROM chat_files f
                LEFT JOIN blobs b ON b.hash = f.blob
                """
            ) { row in (row.text(0), row.text(1), row.int64(2) == 1) }
        }
        for (chatID, filename, hasBlobRow) in rows {
            #expect(hasBlobRow, "row \(chatID)/\(filename) has no blobs row", sourceLocation: sourceLocation)
            #expect(
                throws: Never.self, "row \(chatID)/\(filename) does not read back", sourceLocation: sourceLocation
            ) {
                _ = try store.read(chatID: chatID, filename: filename)
            }
        }
    }
}

func makeTemporaryDirectory() throws -> String {
    let base = FileManager.default.temporaryDirectory.path
    let path = base + "/chatfiles-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func listFiles(under root: String) throws -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
    var files: [String] = []
    while let relative = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory),
            !isDirectory.boolValue
        {
            files.append(relative)
        }
    }
    return files
}

/// Deterministic pseudo-random bytes (xorshift), so a failing test can be rerun with the same content.
func pseudoRandomBytes(count: Int, seed: UInt64) -> [UInt8] {
    var state = seed | 1
    var bytes = [UInt8](repeating: 0, count: count)
    bytes.withUnsafeMutableBytes { raw in
        var index = 0
        while index < count {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            var word = state
            for _ in 0..<8 where index < count {
                raw[index] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                index += 1
            }
        }
    }
    return bytes
}

/// Runs a program to completion and returns its standard output, standard error and exit status.
///
/// Output goes through temporary files rather than pipes, so that a chatty program cannot block on a
/// full pipe and no read is interrupted by a signal.
@discardableResult
func run(_ executable: String, _ arguments: [String]) throws -> (output: Data, status: Int32, errors: String) {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let outputPath = directory + "/stdout"
    let errorPath = directory + "/stderr"
    _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errorPath, contents: nil)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
    try process.run()
    process.waitUntilExit()

    let output = try Data(contentsOf: URL(fileURLWithPath: outputPath))
    let errors = try String(contentsOfFile: errorPath, encoding: .utf8)
    return (output, process.terminationStatus, errors)
}

/// The folder that contains the built products of this test run, such as `chatfiles-test-worker`.
func productsDirectory() -> String {
    let executable =
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var url = URL(fileURLWithPath: executable)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.isExecutableFile(atPath: url.path + "/chatfiles-test-worker") {
            return url.path
        }
    }
    return URL(fileURLWithPath: executable).deletingLastPathComponent().path
}

var workerPath: String { productsDirectory() + "/chatfiles-test-worker" }
