import BlobStore
import CSQLite
import ChatFiles
import Foundation

/// The `large` scenario: one generated CSV (1 GiB, or 64 MiB with `--quick`) streamed into each
/// system and back out to a file, each direction in a child process of its own so that its peak RSS
/// is its own.
struct LargeScenario {
    let options: Options
    let workFolder: String

    static let chatID = "large-chat"
    static let filename = "export.csv"

    func run() -> [ResultRow] {
        let folder = workFolder + "/large"
        try? FileManager.default.removeItem(atPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = folder + "/source.csv"
        var writeRows: [ResultRow] = []
        var readRows: [ResultRow] = []
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            FileHandle.standardError.write(Data("  large: generating \(options.largeBytes >> 20) MiB of CSV\n".utf8))
            try writeLargeCSV(path: source, size: options.largeBytes, seed: options.seed &+ 4)
        } catch {
            var row = ResultRow(scenario: "large-write", system: "store", operation: "file")
            row.error = "cannot generate the source file: \(error)"
            return [row]
        }

        // The store first: its blob name is the SHA-256 that every copy read back is checked against.
        var expectedDigest: String?
        let storePath = folder + "/store"
        let durability = options.durability == .full ? "full" : "fast"
        let pairs: [(system: String, write: [String], read: [String], cleanup: [String])] = [
            (
                "store",
                ["store-write", storePath, source, "\(options.level)", durability],
                ["store-read", storePath, durability], [storePath]
            ),
            (
                "bound: stream read+sha256+deflate L\(options.level) / inflate+sha256",
                ["bound-write", source, "\(options.level)"], ["bound-read", storePath], []
            ),
            (
                "inline-default", ["inline-write", folder + "/inline.sqlite", source, "default"],
                ["inline-read", folder + "/inline.sqlite", "default"], [folder + "/inline.sqlite"]
            ),
            (
                "inline-wal", ["inline-write", folder + "/wal.sqlite", source, "wal"],
                ["inline-read", folder + "/wal.sqlite", "wal"], [folder + "/wal.sqlite"]
            ),
            (
                "plain-files", ["plain-write", folder + "/files", source], ["plain-read", folder + "/files"],
                [folder + "/files"]
            ),
        ]
        for pair in pairs {
            FileHandle.standardError.write(Data("  large: \(pair.system)\n".utf8))
            let isBound = pair.system.hasPrefix("bound")
            let writeName = isBound ? "bound: stream read+sha256+deflate L\(options.level)" : pair.system
            let readName = isBound ? "bound: stream inflate+sha256" : pair.system
            var writeRow = ResultRow(scenario: "large-write", system: writeName, operation: "file")
            var readRow = ResultRow(scenario: "large-read", system: readName, operation: "file")
            let target = folder + "/copy.csv"
            do {
                let written = try runChild(pair.write)
                writeRow.apply(written.timings(bytes: options.largeBytes))
                writeRow.peakRSSKiB = written.peakRSSKiB
                writeRow.storedBytes = written.storedBytes
                writeRow.logicalBytes = options.largeBytes
                if pair.system == "store" { expectedDigest = written.digest }
                if let expectedDigest, let digest = written.digest, digest != expectedDigest {
                    throw BenchmarkError("\(pair.system) hashed the source to \(digest)")
                }
            } catch {
                writeRow.error = "\(error)"
                readRow.error = "nothing to read: the write failed"
            }
            if readRow.error == nil {
                do {
                    // The bound reads the store's blob file, so it needs the store's blob name.
                    var arguments = pair.read
                    if isBound {
                        guard let digest = expectedDigest else { throw BenchmarkError("the store's write failed") }
                        arguments = [
                            "bound-read", BlobDirectory(root: storePath).path(for: try SHA256Digest(hex: digest)),
                        ]
                    } else {
                        arguments.append(target)
                    }
                    let read = try runChild(arguments)
                    readRow.apply(read.timings(bytes: options.largeBytes))
                    readRow.peakRSSKiB = read.peakRSSKiB
                    if let expectedDigest, read.digest != expectedDigest {
                        throw BenchmarkError(
                            "\(pair.system) returned content that hashes to \(read.digest ?? "nothing")")
                    }
                } catch {
                    readRow.error = "\(error)"
                }
            }
            try? FileManager.default.removeItem(atPath: target)
            // The bound reads the store's blob, so the store's folder stays until the bound has run.
            if pair.system.hasPrefix("bound") {
                try? FileManager.default.removeItem(atPath: storePath)
            } else if pair.system != "store" {
                for path in pair.cleanup {
                    try? FileManager.default.removeItem(atPath: path)
                    try? FileManager.default.removeItem(atPath: path + "-wal")
                    try? FileManager.default.removeItem(atPath: path + "-journal")
                }
            }
            writeRows.append(writeRow)
            readRows.append(readRow)
        }
        return writeRows + readRows
    }

    /// Runs this program with `--child large ARGUMENTS` and decodes the report it prints.
    private func runChild(_ arguments: [String]) throws -> ChildReport {
        let process = Process()
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--child", "large"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let report = try? JSONDecoder().decode(ChildReport.self, from: data)
        if let error = report?.error {
            throw BenchmarkError(error)
        }
        guard process.terminationStatus == 0, let report else {
            throw BenchmarkError("the child process exited with status \(process.terminationStatus)")
        }
        return report
    }
}

/// What a child process prints: one JSON object.
struct ChildReport: Codable {
    var seconds = 0.0
    var peakRSSKiB = 0
    /// Bytes on disk: the blob, the file or the database.
    var storedBytes: Int64?
    /// The SHA-256 of the content, as lowercase hex.
    var digest: String?
    var error: String?

    func timings(bytes: Int64) -> Timings {
        var timings = Timings()
        timings.record(UInt64(seconds * 1e9), files: 1, bytes: bytes)
        return timings
    }
}

// MARK: The child side

/// Runs one role of the large scenario in this (child) process and prints its report; returns the exit code.
func runLargeChild(_ arguments: [String]) -> Int32 {
    var report = ChildReport()
    do {
        let role = arguments.first ?? ""
        let rest = Array(arguments.dropFirst())
        switch (role, rest.count) {
        case ("store-write", 4):
            let durability: Durability = rest[3] == "fast" ? .fast : .full
            let store = try ChatFileStore(
                path: rest[0], options: StoreOptions(compressionLevel: Int(rest[2]) ?? 2, durability: durability))
            var file: ChatFile?
            report.seconds = try seconds {
                file = try store.write(
                    FileWrite(
                        chatID: LargeScenario.chatID, userID: "user-large", filename: LargeScenario.filename,
                        content: .file(path: rest[1])))
            }
            report.digest = file?.blob.hex
            report.storedBytes = try store.statistics().storedBytes
        case ("store-read", 3):
            let durability: Durability = rest[2] == "fast" ? .fast : .full
            let store = try ChatFileStore(path: rest[0], options: StoreOptions(durability: durability))
            report.seconds = try seconds {
                try store.read(chatID: LargeScenario.chatID, filename: LargeScenario.filename, toFile: rest[2])
            }
        case ("bound-write", 2):
            let codec = try BlobCodec(level: Int(rest[1]) ?? 2)
            var compressed: Int64 = 0
            report.seconds = try seconds {
                codec.hasher.reset()
                try codec.deflater.reset()
                let count = { (chunk: UnsafeRawBufferPointer) in compressed += Int64(chunk.count) }
                try streamFile(rest[0], buffer: codec.readBuffer) { chunk in
                    codec.hasher.update(chunk)
                    codec.deflater.compress(chunk, sink: count)
                }
                codec.deflater.finish(sink: count)
            }
            report.digest = codec.hasher.finalize().hex
            report.storedBytes = compressed
        case ("bound-read", 1):
            let codec = try BlobCodec(level: 2)
            report.seconds = try seconds {
                codec.hasher.reset()
                try codec.inflater.reset()
                let readBuffer = UnsafeMutableRawBufferPointer.allocate(
                    byteCount: BlobCodec.readBufferSize, alignment: 16)
                defer { readBuffer.deallocate() }
                try streamFile(rest[0], buffer: readBuffer) { chunk in
                    _ = try codec.inflater.decompress(chunk) { codec.hasher.update($0) }
                }
            }
            report.digest = codec.hasher.finalize().hex
        case ("plain-write", 2):
            let target = rest[0] + "/" + LargeScenario.chatID + "/" + LargeScenario.filename
            report.seconds = try seconds {
                try FileManager.default.createDirectory(
                    atPath: rest[0] + "/" + LargeScenario.chatID, withIntermediateDirectories: true)
                try copyDurably(from: rest[1], to: target)
            }
            report.storedBytes = Footprint(folder: rest[0]).bytes
        case ("plain-read", 2):
            let source = rest[0] + "/" + LargeScenario.chatID + "/" + LargeScenario.filename
            report.seconds = try seconds { try copyDurably(from: source, to: rest[1]) }
        case ("inline-write", 3):
            report.seconds = try seconds { try inlineWrite(database: rest[0], source: rest[1], wal: rest[2] == "wal") }
            report.storedBytes = try FileSystem.live.status(rest[0])?.size
        case ("inline-read", 3):
            report.seconds = try seconds { try inlineRead(database: rest[0], target: rest[2], wal: rest[1] == "wal") }
        default:
            throw BenchmarkError("unknown child role: \(arguments.joined(separator: " "))")
        }
        report.peakRSSKiB = peakResidentKiB()
        // A copy read back is hashed after the clock stopped, for the parent to check.
        if role.hasSuffix("-read"), !role.hasPrefix("bound") {
            report.digest = try hashFile(arguments.last!).hex
        }
    } catch {
        report.error = "\(error)"
    }
    let encoder = JSONEncoder()
    FileHandle.standardOutput.write((try? encoder.encode(report)) ?? Data())
    return report.error == nil ? 0 : 1
}

private func seconds(_ body: () throws -> Void) rethrows -> Double {
    Double(try measure(body)) / 1e9
}

/// Reads a file in chunks of the buffer's size, passing each to `body`; returns the file's size.
@discardableResult
private func streamFile(
    _ path: String, buffer: UnsafeMutableRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void
) throws -> Int64 {
    let fileSystem = FileSystem.live
    let file = try fileSystem.openForReading(path)
    defer { fileSystem.closeIgnoringErrors(file) }
    var total: Int64 = 0
    while true {
        let count = try fileSystem.read(file, into: buffer)
        if count == 0 { return total }
        try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        total += Int64(count)
    }
}

private func hashFile(_ path: String) throws -> SHA256Digest {
    let hasher = SHA256Hasher()
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    defer { buffer.deallocate() }
    try streamFile(path, buffer: buffer) { hasher.update($0) }
    return hasher.finalize()
}

/// Creates `target` from the chunks `produce` passes on: a temporary file beside it, fsynced, renamed.
private func writeDurably(to target: String, _ produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws
{
    let fileSystem = FileSystem.live
    let temporary = target + ".tmp"
    let file = try fileSystem.createExclusively(temporary, permissions: 0o600)
    do {
        try produce { try fileSystem.write(file, $0) }
        try fileSystem.fsync(file)
    } catch {
        fileSystem.closeIgnoringErrors(file)
        throw error
    }
    try fileSystem.close(file)
    try fileSystem.rename(temporary, to: target)
}

private func copyDurably(from source: String, to target: String) throws {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    defer { buffer.deallocate() }
    try writeDurably(to: target) { write in
        try streamFile(source, buffer: buffer, write)
    }
}

/// Inserts the file as one row whose content is written through SQLite's incremental blob I/O, so
/// memory stays flat; fails where the file exceeds SQLite's maximum blob length.
private func inlineWrite(database path: String, source: String, wal: Bool) throws {
    let size = Int64(try FileSystem.live.status(source)?.size ?? 0)
    let system = try InlineSystem(path: path, wal: wal, createsSchema: true)
    let database = system.database
    let insert = try database.prepare(
        """
        INSERT INTO chat_files (id, chat_id, user_id, filename, file_type, content, size, created_at, updated_at)
        VALUES (?1, ?2, 'user-large', ?3, 'csv', ?4, ?5, ?6, ?6)
        """)
    try database.execute("BEGIN IMMEDIATE")
    insert.bind(1, UUID().uuidString.lowercased())
    insert.bind(2, LargeScenario.chatID)
    insert.bind(3, LargeScenario.filename)
    guard size <= database.maximumLength else {
        throw BenchmarkError(
            "SQLite's maximum blob length is \(database.maximumLength) bytes (SQLITE_MAX_LENGTH), the file has \(size)")
    }
    try insert.bindZeroBlob(4, size: size)
    insert.bind(5, size)
    insert.bind(6, InlineSystem.microsecondsNow())
    try insert.step()
    var blob: OpaquePointer?
    guard
        sqlite3_blob_open(database.handle, "main", "chat_files", "content", database.lastInsertedRowID, 1, &blob)
            == SQLITE_OK
    else { throw BenchmarkError("sqlite3_blob_open failed: \(database.errorMessage)") }
    defer { sqlite3_blob_close(blob) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    defer { buffer.deallocate() }
    var offset: Int32 = 0
    try streamFile(source, buffer: buffer) { chunk in
        guard sqlite3_blob_write(blob, chunk.baseAddress, Int32(chunk.count), offset) == SQLITE_OK else {
            throw BenchmarkError("sqlite3_blob_write failed: \(database.errorMessage)")
        }
        offset += Int32(chunk.count)
    }
    sqlite3_blob_close(blob)
    blob = nil
    try database.execute("COMMIT")
}

/// Copies the row's content out through incremental blob I/O to a temporary file that is fsynced and renamed.
private func inlineRead(database path: String, target: String, wal: Bool) throws {
    let system = try InlineSystem(path: path, wal: wal, createsSchema: false)
    let database = system.database
    let select = try database.prepare("SELECT rowid, size FROM chat_files WHERE chat_id = ? AND filename = ?")
    select.bind(1, LargeScenario.chatID)
    select.bind(2, LargeScenario.filename)
    guard try select.step() else { throw BenchmarkError("the inline database has no large row") }
    let rowID = select.int64(0)
    let size = select.int64(1)
    select.reset()
    var blob: OpaquePointer?
    guard sqlite3_blob_open(database.handle, "main", "chat_files", "content", rowID, 0, &blob) == SQLITE_OK else {
        throw BenchmarkError("sqlite3_blob_open failed: \(database.errorMessage)")
    }
    defer { sqlite3_blob_close(blob) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    defer { buffer.deallocate() }
    try writeDurably(to: target) { write in
        var offset: Int64 = 0
        while offset < size {
            let count = Int32(min(Int64(buffer.count), size - offset))
            guard sqlite3_blob_read(blob, buffer.baseAddress, count, Int32(offset)) == SQLITE_OK else {
                throw BenchmarkError("sqlite3_blob_read failed: \(database.errorMessage)")
            }
            try write(UnsafeRawBufferPointer(rebasing: buffer[0..<Int(count)]))
            offset += Int64(count)
        }
    }
}
