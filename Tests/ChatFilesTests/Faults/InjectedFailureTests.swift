import Foundation
import Testing

@testable import ChatFiles

/// Fails every step of each store operation in turn through the file-system seam, and checks that the
/// operation fails cleanly or, for a tolerated failure, succeeds, and that the store stays consistent.
///
/// For each case the test first counts how many calls of the case's kind the operation makes on a
/// fresh store, then for each step k fails the k-th call once on another fresh store. After the
/// failure it checks:
/// - the operation throws a ``ChatFilesError`` with code `.outOfSpace` for ENOSPC and `.io` otherwise.
///   Its message names the file, or for a collection the failed path. The operation may succeed only
///   when the failed call was the removal of a temporary file afterwards;
/// - on a throw, the `chat_files` rows are unchanged;
/// - every row still reads back, and after a full collection with no grace period (temporary files
///   aged past a day, since the sweep spares the running process's own young ones) no blob file
///   that no row references and no temporary file remain;
/// - a following write and read succeed and `verify()` finds no problem.
@Suite struct InjectedFailureTests {
    enum Operation: String, Sendable, CaseIterable {
        case write
        case streamedWrite = "streamed write"
        case batchWrite = "batch write"
        case delete
        case collect
        /// A write of content whose blob file is truncated, which replaces the file with `rename`.
        case repairWrite = "repair write"
    }

    struct FailureCase: Sendable, CustomTestStringConvertible {
        let operation: Operation
        let call: SystemCall
        let errno: Int32
        let errnoName: String

        var testDescription: String { "\(operation.rawValue): \(call.rawValue) fails with \(errnoName)" }
    }

    /// The calls to fail and the errno values each fails with.
    static let failures: [(call: SystemCall, errno: Int32, name: String)] = [
        (.write, ENOSPC, "ENOSPC"), (.write, EIO, "EIO"), (.fsync, EIO, "EIO"), (.open, EACCES, "EACCES"),
        (.link, EIO, "EIO"), (.link, EXDEV, "EXDEV"), (.rename, EIO, "EIO"), (.rename, EXDEV, "EXDEV"),
        (.unlink, EIO, "EIO"), (.mkdir, EACCES, "EACCES"), (.commit, EIO, "EIO"),
    ]

    /// The calls each operation makes through the seam; the test checks that each makes at least one.
    static let callsMade: [Operation: Set<SystemCall>] = [
        .write: [.write, .fsync, .open, .link, .mkdir, .unlink, .commit],
        .streamedWrite: [.write, .fsync, .open, .link, .mkdir, .unlink, .commit],
        .batchWrite: [.write, .fsync, .open, .link, .mkdir, .unlink, .commit],
        .delete: [.commit],
        .collect: [.unlink, .commit],
        .repairWrite: [.write, .fsync, .open, .rename, .mkdir, .unlink, .commit],
    ]

    static let cases: [FailureCase] = Operation.allCases.flatMap { operation in
        failures.filter { callsMade[operation]!.contains($0.call) }.map {
            FailureCase(operation: operation, call: $0.call, errno: $0.errno, errnoName: $0.name)
        }
    }

    static let chatID = "c1"
    static let streamedContent = pseudoRandomBytes(count: 300_000, seed: 41)
    static let damagedContent = Array(String(repeating: "step,status\nload,done\n", count: 3000).utf8)

    /// A store with files, garbage and crash leftovers, opened with the failing hooks.
    struct Fixture {
        let temporary: TemporaryStore
        let hooks: OneShotFailure
        let sourcePath: String
        var store: ChatFileStore { temporary.store }
    }

    func makeFixture(for operation: Operation) throws -> Fixture {
        let hooks = OneShotFailure()
        var options = StoreOptions()
        options.fileSystem = FileSystem(hooks: hooks)
        let temporary = try TemporaryStore(options: options)
        let store = temporary.store
        let chat = Self.chatID

        try store.write(chatID: chat, userID: "u1", filename: "kept.md", text: "# kept\n")
        try store.write(chatID: chat, userID: "u1", filename: "old.csv", text: "version,1\n")
        try store.write(chatID: chat, userID: "u1", filename: "old.csv", text: "version,2\n")
        try store.write(chatID: chat, userID: "u1", filename: "gone.txt", text: "deleted later")
        try store.delete(chatID: chat, filename: "gone.txt")

        // Leftovers of a crashed writer for the full sweep: a blob file without a row, and a temporary
        // file of a process id above the kernel's pid_max, which cannot be running.
        let orphan = try store.withCodec { codec in
            try Array("orphan".utf8).withUnsafeBytes { try store.blobs.stage($0, codec: codec) }
        }
        try store.blobs.publish(orphan)
        store.blobs.discard(orphan)
        let leftover = temporary.path + "/tmp/9999999-deadbeef.tmp"
        try Data("half-written".utf8).write(to: URL(fileURLWithPath: leftover))
        try ageFiles([leftover, store.blobs.path(for: orphan.digest)])

        if operation == .repairWrite {
            let file = try store.write(
                chatID: chat, userID: "u1", filename: "damaged.csv", content: Self.damagedContent)
            let path = store.blobs.path(for: file.blob)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            try FileManager.default.removeItem(atPath: path)
            try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        }

        let sourcePath = temporary.directory + "/input.bin"
        try Data(Self.streamedContent).write(to: URL(fileURLWithPath: sourcePath))
        return Fixture(temporary: temporary, hooks: hooks, sourcePath: sourcePath)
    }

    /// Sets the modification time of files two days back.
    func ageFiles(_ paths: [String]) throws {
        let twoDaysAgo = Date().addingTimeInterval(-2 * 86_400)
        for path in paths {
            try FileManager.default.setAttributes([.modificationDate: twoDaysAgo], ofItemAtPath: path)
        }
    }

    /// The files an operation writes, with their content, or deletes (`nil`).
    func effects(of operation: Operation, in fixture: Fixture) -> [(filename: String, content: [UInt8]?)] {
        switch operation {
        case .write: [("new.md", pseudoRandomBytes(count: 5_000, seed: 7))]
        case .streamedWrite: [("stream.bin", Self.streamedContent)]
        case .batchWrite:
            [
                ("batch-a.json", Array(#"{"a": 1}"#.utf8)), ("batch-b.bin", Self.streamedContent),
                ("kept.md", Array("# kept, version 2\n".utf8)),
            ]
        case .delete: [("kept.md", nil)]
        case .collect: []
        case .repairWrite: [("repaired.csv", Self.damagedContent)]
        }
    }

    func perform(_ operation: Operation, on fixture: Fixture) throws {
        let store = fixture.store
        let chat = Self.chatID
        let effects = effects(of: operation, in: fixture)
        switch operation {
        case .write, .repairWrite:
            try store.write(chatID: chat, userID: "u1", filename: effects[0].filename, content: effects[0].content!)
        case .streamedWrite:
            try store.write(
                FileWrite(
                    chatID: chat, userID: "u1", filename: effects[0].filename, content: .file(path: fixture.sourcePath)
                ))
        case .batchWrite:
            try store.write(batch: [
                FileWrite(
                    chatID: chat, userID: "u1", filename: effects[0].filename, content: .bytes(effects[0].content!)),
                FileWrite(
                    chatID: chat, userID: "u1", filename: effects[1].filename, content: .file(path: fixture.sourcePath)),
                FileWrite(
                    chatID: chat, userID: "u1", filename: effects[2].filename, content: .bytes(effects[2].content!)),
            ])
        case .delete:
            try store.delete(chatID: chat, filename: effects[0].filename)
        case .collect:
            try store.collectGarbage(CollectionOptions(gracePeriod: .zero, isFullSweep: true))
        }
    }

    @Test("failed step leaves store consistent", arguments: cases)
    func failEachStep(_ failure: FailureCase) throws {
        let counting = try makeFixture(for: failure.operation)
        counting.hooks.arm(failure.call, occurrence: 0, errno: 0)
        try perform(failure.operation, on: counting)
        let steps = counting.hooks.disarm().matches
        #expect(steps > 0, "\(failure.operation.rawValue) made no \(failure.call.rawValue) call")

        for step in 1...max(steps, 1) where steps > 0 {
            try checkFailure(failure, atStep: step)
        }
    }

    func checkFailure(_ failure: FailureCase, atStep step: Int) throws {
        let fixture = try makeFixture(for: failure.operation)
        let store = fixture.store
        let context = "\(failure.testDescription), step \(step)"
        let rowsBefore = try fixture.temporary.fileRows()

        fixture.hooks.arm(failure.call, occurrence: step, errno: failure.errno)
        var thrown: (any Error)?
        do {
            try perform(failure.operation, on: fixture)
        } catch {
            thrown = error
        }
        let failedPath = fixture.hooks.disarm().failedPath
        guard let failedPath else {
            Issue.record("\(context): the step never ran")
            return
        }

        if let thrown {
            guard let error = thrown as? ChatFilesError else {
                Issue.record("\(context): threw \(type(of: thrown)), not ChatFilesError: \(thrown)")
                return
            }
            #expect(error.code == (failure.errno == ENOSPC ? .outOfSpace : .io), "\(context): \(error.message)")
            let names = effects(of: failure.operation, in: fixture).map(\.filename)
            let named = names.isEmpty ? [failedPath] : names
            #expect(
                named.contains { error.message.contains($0) },
                "\(context): the message names none of \(named): \(error.message)")
            #expect(try fixture.temporary.fileRows() == rowsBefore, "\(context): the rows changed")
        } else {
            #expect(
                failure.call == .unlink && failedPath.hasPrefix(store.path + "/tmp/"),
                "\(context): the operation succeeded although \(failure.call.rawValue) of '\(failedPath)' failed")
            try expectApplied(failure.operation, fixture: fixture, context: context)
        }

        if failure.operation == .repairWrite {
            // The damaged file stays damaged until a write of its content succeeds.
            try perform(.repairWrite, on: fixture)
        }
        try fixture.temporary.expectNoDanglingRows()
        try expectNoUnreferencedFiles(fixture, context: context)

        let next = pseudoRandomBytes(count: 2_000, seed: UInt64(step))
        try store.write(chatID: Self.chatID, userID: "u1", filename: "next.bin", content: next)
        #expect(try store.read(chatID: Self.chatID, filename: "next.bin") == next, "\(context)")
        let report = try store.verify()
        #expect(report.problems.isEmpty, "\(context): \(report.problems.map(\.message))")
    }

    /// Checks that an operation that returned did all it should.
    func expectApplied(_ operation: Operation, fixture: Fixture, context: String) throws {
        for effect in effects(of: operation, in: fixture) {
            if let content = effect.content {
                let stored = try fixture.store.read(chatID: Self.chatID, filename: effect.filename)
                #expect(stored == content, "\(context): \(effect.filename) reads back other content")
            } else {
                #expect(try fixture.store.file(chatID: Self.chatID, filename: effect.filename) == nil, "\(context)")
            }
        }
    }

    /// Ages the temporary files, runs a full collection and checks that every blob file left is
    /// referenced by a row and that `tmp/` is empty.
    func expectNoUnreferencedFiles(_ fixture: Fixture, context: String) throws {
        let temporaryFiles = try fixture.temporary.temporaryFiles().map { fixture.store.path + "/tmp/" + $0 }
        try ageFiles(temporaryFiles)
        try fixture.store.collectGarbage(CollectionOptions(gracePeriod: .zero, isFullSweep: true))

        let referenced = try Set(fixture.temporary.fileRows().map { $0.split(separator: "|")[3].lowercased() })
        for path in try fixture.temporary.blobFiles() {
            let hex = path.replacingOccurrences(of: "/", with: "")
            #expect(referenced.contains(hex), "\(context): blob file \(path) is left without a row")
        }
        #expect(try fixture.temporary.temporaryFiles() == [], "\(context)")
    }
}
