import Foundation
import Testing

@testable import ChatFiles

/// `kill -9` keeps the page cache, so only the recorded order of calls can show a missing fsync.
@Suite struct OrderingTests {
    /// Checks, for every blob published during the recorded calls, that its temporary file was fsynced
    /// before the link, its folder after it, and both before the next index commit.
    func expectDurableOrder(_ calls: [(SystemCall, String)], objectsPath: String) {
        var published = 0
        for (index, call) in calls.enumerated() where call.0 == .link && call.1.hasPrefix(objectsPath) {
            published += 1
            let before = calls[..<index]
            let after = calls[(index + 1)...]
            let folder = String(call.1[..<call.1.lastIndex(of: "/")!])
            #expect(
                before.contains { $0.0 == .fsync && $0.1.contains("/tmp/") }, "no fsync of the file before \(call.1)")
            guard let folderSync = after.firstIndex(where: { $0.0 == .fsync && $0.1 == folder }) else {
                Issue.record("the folder of \(call.1) was never fsynced")
                continue
            }
            let commit = after.firstIndex { $0.0 == .commit }
            #expect(commit != nil, "no commit after \(call.1)")
            if let commit {
                #expect(folderSync < commit, "the commit came before the folder of \(call.1) was fsynced")
            }
        }
        #expect(published > 0, "no blob was published")
    }

    @Test("write syncs before it commits") func singleWrite() throws {
        let recorder = CallRecorder()
        var options = StoreOptions()
        options.fileSystem = FileSystem(hooks: recorder)
        let temporary = try TemporaryStore(options: options)
        recorder.reset()

        try temporary.store.write(chatID: "c1", userID: "u1", filename: "a.md", text: "# one\n")
        expectDurableOrder(recorder.recorded, objectsPath: temporary.path + "/objects")
    }

    @Test("batch and stream sync before commit") func batchAndStream() throws {
        let recorder = CallRecorder()
        var options = StoreOptions()
        options.fileSystem = FileSystem(hooks: recorder)
        let temporary = try TemporaryStore(options: options)
        let source = temporary.directory + "/big.csv"
        try Data(String(repeating: "1,2,3\n", count: 200_000).utf8).write(to: URL(fileURLWithPath: source))
        recorder.reset()

        try temporary.store.write(batch: [
            FileWrite(chatID: "c1", userID: "u1", filename: "a.json", content: .bytes(Array("{}".utf8))),
            FileWrite(chatID: "c1", userID: "u1", filename: "b.csv", content: .file(path: source)),
            FileWrite(chatID: "c1", userID: "u1", filename: "c.txt", content: .bytes(Array("c".utf8))),
        ])
        let calls = recorder.recorded
        expectDurableOrder(calls, objectsPath: temporary.path + "/objects")
        // One transaction for the whole batch, after all three blobs were published.
        #expect(calls.filter { $0.0 == .commit }.count == 1)
        #expect(calls.filter { $0.0 == .link }.count == 3)
    }

    @Test("fast durability makes no fsync") func fastSkipsSync() throws {
        let recorder = CallRecorder()
        var options = StoreOptions()
        options.durability = .fast
        options.fileSystem = FileSystem(hooks: recorder)
        let temporary = try TemporaryStore(options: options)
        recorder.reset()

        try temporary.store.write(chatID: "c1", userID: "u1", filename: "a.md", text: "# one\n")
        #expect(recorder.count(of: .fsync) == 0)
        #expect(recorder.count(of: .link) == 1)
    }
}

extension OrderingTests {
    func makeRecordedStore() throws -> (CallRecorder, TemporaryStore) {
        let recorder = CallRecorder()
        var options = StoreOptions()
        options.fileSystem = FileSystem(hooks: recorder)
        return (recorder, try TemporaryStore(options: options))
    }

    /// A write whose folder fsync failed after its link leaves a blob file whose name may not be durable.
    /// Writing the same content again finds the name taken, and must still sync the folder before the
    /// row that references the file commits.
    @Test("retry after failed folder sync syncs") func retryAfterFailedFolderSync() throws {
        let (recorder, temporary) = try makeRecordedStore()
        let content = Array("# plan\n- [ ] retry\n".utf8)
        let folder = temporary.store.blobs.fanoutPath(for: SHA256Hasher.hash(content))

        recorder.fail(.fsync, with: EIO, whenPathContains: folder)
        #expect(throws: ChatFilesError.self) {
            try temporary.store.write(chatID: "c1", userID: "u1", filename: "plan.md", content: content)
        }
        recorder.reset()

        try temporary.store.write(chatID: "c1", userID: "u1", filename: "plan.md", content: content)
        expectDurableOrder(recorder.recorded, objectsPath: temporary.path + "/objects")
    }

    /// The same after a writer crashed between the link and the folder fsync, which leaves a blob file
    /// without a row. Staging and publishing the file without fsync simulates the crashed writer.
    @Test("write over crash leftover syncs") func writeOverCrashLeftover() throws {
        let (recorder, temporary) = try makeRecordedStore()
        let content = Array("exported,rows\n1,2\n".utf8)
        let crashed = BlobDirectory(root: temporary.path, durability: .fast)
        let staged = try temporary.store.withCodec { codec in
            try content.withUnsafeBytes { try crashed.stage($0, codec: codec) }
        }
        try crashed.publish(staged)
        crashed.discard(staged)
        recorder.reset()

        try temporary.store.write(chatID: "c1", userID: "u1", filename: "export.csv", content: content)
        expectDurableOrder(recorder.recorded, objectsPath: temporary.path + "/objects")
    }
}
