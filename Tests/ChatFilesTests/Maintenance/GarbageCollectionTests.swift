import Foundation
import Testing

@testable import ChatFiles

@Suite struct GarbageCollectionTests {
    /// Moves every unreferenced mark back by `seconds`, as if the blobs had been garbage that long.
    func age(_ temporary: TemporaryStore, by seconds: Int64) throws {
        try temporary.store.withWriteTransaction { connection in
            try connection.run(
                "UPDATE blobs SET unreferenced_since = unreferenced_since - ? WHERE unreferenced_since IS NOT NULL",
                [.integer(seconds * 1_000_000)])
        }
    }

    @Test("deleted blob survives the grace period") func graceKeepsBlob() throws {
        let temporary = try TemporaryStore()
        let file = try temporary.store.write(chatID: "c1", userID: "u1", filename: "old.md", text: "draft")
        try temporary.store.delete(chatID: "c1", filename: "old.md")

        let early = try temporary.store.collectGarbage()
        #expect(early.removedBlobs == 0)
        #expect(early.keptBlobs == 1)
        #expect(try temporary.store.blobs.contains(file.blob))

        try age(temporary, by: 3601)
        let late = try temporary.store.collectGarbage()
        #expect(late.removedBlobs == 1)
        #expect(late.keptBlobs == 0)
        #expect(late.removedBytes > 0)
        #expect(try !temporary.store.blobs.contains(file.blob))
        #expect(try temporary.store.statistics().garbageBlobs == 0)
    }

    @Test("blob of another chat is never removed") func sharedBlobKept() throws {
        let temporary = try TemporaryStore()
        try temporary.store.write(chatID: "c1", userID: "u1", filename: "a.py", text: "print(1)\n")
        let kept = try temporary.store.write(chatID: "c2", userID: "u2", filename: "b.py", text: "print(1)\n")
        try temporary.store.deleteChat(chatID: "c1")

        let report = try temporary.store.collectGarbage(CollectionOptions(gracePeriod: .zero))
        #expect(report.removedBlobs == 0)
        #expect(try temporary.store.blobs.contains(kept.blob))
        #expect(try temporary.store.readText(chatID: "c2", filename: "b.py") == "print(1)\n")
    }

    @Test("stale mark on a referenced blob is cleared") func staleMarkCleared() throws {
        let temporary = try TemporaryStore()
        let file = try temporary.store.write(chatID: "c1", userID: "u1", filename: "a.txt", text: "live")
        // A mark left on a referenced blob, as an interrupted older program could leave it.
        try temporary.store.withWriteTransaction { connection in
            try connection.run("UPDATE blobs SET unreferenced_since = 0")
        }

        let report = try temporary.store.collectGarbage(CollectionOptions(gracePeriod: .zero))
        #expect(report.removedBlobs == 0)
        #expect(try temporary.store.blobs.contains(file.blob))
        #expect(try temporary.store.statistics().garbageBlobs == 0)
    }

    @Test("dry run reports what a real run removes") func dryRun() throws {
        let temporary = try TemporaryStore()
        for index in 0..<5 {
            try temporary.store.write(chatID: "c1", userID: "u1", filename: "f\(index).txt", text: "v\(index)")
        }
        try temporary.store.deleteChat(chatID: "c1")
        let before = try temporary.snapshot()

        let preview = try temporary.store.collectGarbage(CollectionOptions(gracePeriod: .zero, isDryRun: true))
        #expect(preview.isDryRun)
        #expect(preview.removedBlobs == 5)
        #expect(try temporary.snapshot() == before)

        let real = try temporary.store.collectGarbage(CollectionOptions(gracePeriod: .zero))
        #expect(real.removedBlobs == preview.removedBlobs)
        #expect(real.removedBytes == preview.removedBytes)
        #expect(try temporary.blobFiles().isEmpty)
    }

    @Test("batches remove everything expired") func batchesCoverAll() throws {
        let temporary = try TemporaryStore()
        let files = (0..<23).map {
            FileWrite(chatID: "c1", userID: "u1", filename: "f\($0).txt", content: .bytes(Array("\($0)".utf8)))
        }
        try temporary.store.write(batch: files)
        try temporary.store.deleteChat(chatID: "c1")

        var options = CollectionOptions(gracePeriod: .zero)
        options.batchSize = 5
        let report = try temporary.store.collectGarbage(options)
        #expect(report.removedBlobs == 23)
        #expect(try temporary.blobFiles().isEmpty)
    }

    @Test("write after collection republishes blob") func rewriteAfterCollection() throws {
        let temporary = try TemporaryStore()
        try temporary.store.write(chatID: "c1", userID: "u1", filename: "todo.md", text: "- [ ] a\n")
        try temporary.store.delete(chatID: "c1", filename: "todo.md")
        try temporary.store.collectGarbage(CollectionOptions(gracePeriod: .zero))

        try temporary.store.write(chatID: "c1", userID: "u1", filename: "todo.md", text: "- [ ] a\n")
        #expect(try temporary.store.readText(chatID: "c1", filename: "todo.md") == "- [ ] a\n")
        try temporary.expectNoDanglingRows()
    }

    @Test("collection finishes an interrupted one") func interruptedCollection() throws {
        let temporary = try TemporaryStore()
        let file = try temporary.store.write(chatID: "c1", userID: "u1", filename: "a.txt", text: "gone")
        try temporary.store.delete(chatID: "c1", filename: "a.txt")
        // A crash between unlink and commit leaves the row without its file.
        try temporary.store.blobs.remove(file.blob)

        let report = try temporary.store.collectGarbage(CollectionOptions(gracePeriod: .zero))
        #expect(report.removedBlobs == 1)
        #expect(try temporary.store.statistics().garbageBlobs == 0)
    }

    @Test("ordinary collection lists no folder") func costFollowsGarbage() throws {
        let recorder = CallRecorder()
        var options = StoreOptions()
        options.fileSystem = FileSystem(hooks: recorder)
        let temporary = try TemporaryStore(options: options)
        let live = (0..<300).map {
            FileWrite(chatID: "live", userID: "u1", filename: "f\($0)", content: .bytes(Array("live \($0)".utf8)))
        }
        let garbage = (0..<40).map {
            FileWrite(chatID: "old", userID: "u1", filename: "f\($0)", content: .bytes(Array("old \($0)".utf8)))
        }
        try temporary.store.write(batch: live + garbage)
        try temporary.store.deleteChat(chatID: "old")

        recorder.reset()
        let report = try temporary.store.collectGarbage(CollectionOptions(gracePeriod: .zero))
        #expect(report.removedBlobs == 40)
        #expect(recorder.count(of: .readDirectory) == 0)
        #expect(recorder.count(of: .unlink) == 40)
        #expect(recorder.count(of: .stat) == 0)

        // The candidates come from the partial index on the mark, not from a scan of all blobs.
        let plan = try temporary.store.withReader { connection in
            try connection.query(
                "EXPLAIN QUERY PLAN SELECT hash FROM blobs WHERE unreferenced_since IS NOT NULL AND unreferenced_since <= 0 ORDER BY unreferenced_since"
            ) { $0.text(3) }
        }
        #expect(plan.contains { $0.contains("INDEX blobs_by_unreferenced_since") }, "plan: \(plan)")
    }
}
