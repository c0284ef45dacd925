import BlobStore
import Glibc
import Testing

@Suite("Durability and the order of system calls")
struct DurabilityTests {
    @Test("Full durability syncs before publishing")
    func fullDurabilitySyncsBeforePublishing() throws {
        let recorder = SystemCallRecorder()
        try withTemporaryStore(durability: .full, hooks: recorder) { store in
            let staged = try store.write(SampleContent.text(100_000).bytes)
            let folder = store.blobs.fanoutPath(for: staged.digest)
            let blobPath = store.blobs.path(for: staged.digest)
            let calls = recorder.calls

            let temporarySync = try #require(recorder.firstIndex(of: .fsync, path: staged.temporaryPath), "\(calls)")
            let temporaryClose = try #require(recorder.firstIndex(of: .close, path: staged.temporaryPath), "\(calls)")
            let folderCreation = try #require(recorder.firstIndex(of: .mkdir, path: folder), "\(calls)")
            let objectsSync = try #require(recorder.firstIndex(of: .fsync, path: store.blobs.objectsPath), "\(calls)")
            let link = try #require(recorder.firstIndex(of: .link, path: blobPath), "\(calls)")
            let folderSync = try #require(recorder.firstIndex(of: .fsync, path: folder), "\(calls)")

            #expect(temporarySync < temporaryClose)
            #expect(temporarySync < link, "the content must be durable before its name appears")
            #expect(folderCreation < objectsSync)
            #expect(objectsSync < link, "the fan-out folder must be durable before a name in it")
            #expect(link < folderSync, "the new name must be synced after the link")
            #expect(calls.filter { $0.call == .fsync }.count == 3, "\(calls)")
            #expect(calls.last == RecordedCall(call: .close, path: folder))
        }
    }

    @Test("Synced folder skips objects sync")
    func syncedFolderSkipsObjectsSync() throws {
        try withTemporaryStore { store in
            let recorder = SystemCallRecorder()
            let blobs = store.blobs(hooks: recorder)
            let first = try store.stage(Array("first".utf8))
            try blobs.publish(first)
            // Choose content whose digest shares the first blob's fan-out folder.
            var candidate = 0
            while SHA256Hasher.hash(Array("candidate \(candidate)".utf8)).hex.prefix(2) != first.digest.hex.prefix(2) {
                candidate += 1
            }
            let staged = try store.stage(Array("candidate \(candidate)".utf8))

            try blobs.publish(staged)

            let syncedPaths = recorder.calls.filter { $0.call == .fsync }.map(\.path)
            let folder = store.blobs.fanoutPath(for: staged.digest)
            #expect(syncedPaths == [store.blobs.objectsPath, folder, folder])
        }
    }

    @Test("Duplicate publish reports the name taken")
    func duplicatePublishReportsNameTaken() throws {
        let bytes = SampleContent.text(10_000).bytes
        try withTemporaryStore { store in
            try store.write(bytes)
            let recorder = SystemCallRecorder()
            let staged = try store.stage(bytes)

            let linked = try store.blobs(hooks: recorder).publish(staged)

            // The name may come from a writer whose folder sync has not run yet or failed, so publish
            // says it did not link the name, and the store puts its own synced copy in place.
            #expect(!linked)
            #expect(recorder.firstIndex(of: .fsync, path: store.blobs.fanoutPath(for: staged.digest)) == nil)
        }
    }

    @Test("Retried publish reports the name taken")
    func retriedPublishReportsNameTaken() throws {
        try withTemporaryStore { store in
            // The second fsync in publish is of the fan-out folder, after the link.
            let (staged, recorder) = try publishAgainAfterFailedSync(occurrence: 2, in: store)

            #expect(recorder.firstIndex(of: .link, path: store.blobs.path(for: staged.digest)) != nil)
            #expect(recorder.firstIndex(of: .fsync, path: store.blobs.fanoutPath(for: staged.digest)) == nil)
        }
    }

    @Test("Retried publish syncs objects folder")
    func retriedPublishSyncsObjectsFolder() throws {
        try withTemporaryStore { store in
            // The first fsync in publish is of objects/, after creating the fan-out folder.
            let (_, recorder) = try publishAgainAfterFailedSync(occurrence: 1, in: store)

            #expect(recorder.firstIndex(of: .fsync, path: store.blobs.objectsPath) != nil, "\(recorder.calls)")
        }
    }

    /// Publishes a new blob while the `occurrence`-th fsync fails with `EIO`, then publishes it again
    /// without failures and returns the blob and the calls of that second publish.
    private func publishAgainAfterFailedSync(
        occurrence: Int, in store: TemporaryStore
    ) throws -> (StagedBlob, SystemCallRecorder) {
        let staged = try store.stage(SampleContent.text(1000).bytes)
        let failing = SystemCallRecorder(failing: InjectedFailure(call: .fsync, occurrence: occurrence, errno: EIO))
        #expect(throws: BlobStoreError.self) { try store.blobs(hooks: failing).publish(staged) }

        let recorder = SystemCallRecorder()
        try store.blobs(hooks: recorder).publish(staged)
        return (staged, recorder)
    }

    @Test("Remove makes no fsync call")
    func removeMakesNoFsyncCall() throws {
        try withTemporaryStore { store in
            let staged = try store.write(SampleContent.text(1000).bytes)
            let recorder = SystemCallRecorder()

            #expect(try store.blobs(hooks: recorder).remove(staged.digest))

            // A removal that a power loss undoes leaves an orphan file, which a full collection removes.
            #expect(recorder.calls == [RecordedCall(call: .unlink, path: store.blobs.path(for: staged.digest))])
        }
    }

    @Test("Layout creation syncs the root")
    func layoutCreationSyncsRoot() throws {
        try withTemporaryDirectory { root in
            let recorder = SystemCallRecorder()
            let blobs = BlobDirectory(root: root, fileSystem: FileSystem(hooks: recorder), durability: .full)

            try blobs.createLayout()

            let rootSync = try #require(recorder.firstIndex(of: .fsync, path: root), "\(recorder.calls)")
            let temporaryCreation = try #require(recorder.firstIndex(of: .mkdir, path: blobs.temporaryPath))
            #expect(temporaryCreation < rootSync)
        }
    }

    @Test(
        "Fast durability never calls fsync", arguments: [SampleContent.empty, .text(300 * kibibyte), .random(mebibyte)])
    func fastDurabilityNeverCallsFsync(content: SampleContent) throws {
        let bytes = content.bytes
        try withTemporaryDirectory { root in
            let recorder = SystemCallRecorder()
            let blobs = BlobDirectory(root: root, fileSystem: FileSystem(hooks: recorder), durability: .fast)
            let codec = try BlobCodec(level: 6)

            try blobs.createLayout()
            let staged = try bytes.withUnsafeBytes { try blobs.stage($0, codec: codec) }
            try blobs.publish(staged)
            try blobs.publish(staged)
            blobs.discard(staged)
            #expect(
                try firstDifference(blobs.readAll(staged.digest, expectedSize: staged.size, codec: codec), bytes) == nil
            )
            #expect(try blobs.remove(staged.digest))

            let calls = recorder.calls
            #expect(calls.contains { $0.call == .link }, "the hooks must have seen the store's calls")
            #expect(calls.filter { $0.call == .fsync } == [])
        }
    }
}
