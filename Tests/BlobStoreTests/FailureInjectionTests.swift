import BlobStore
import Glibc
import Testing

/// Failures during `stage`, each of which must leave `tmp/` empty.
private let stageFailures = [
    InjectedFailure(call: .open, occurrence: 1, errno: ENOSPC),
    InjectedFailure(call: .write, occurrence: 1, errno: ENOSPC),
    InjectedFailure(call: .write, occurrence: 3, errno: EIO),
    InjectedFailure(call: .write, occurrence: 3, errno: EDQUOT),
    InjectedFailure(call: .fsync, occurrence: 1, errno: EIO),
    InjectedFailure(call: .fsync, occurrence: 1, errno: ENOSPC),
    InjectedFailure(call: .close, occurrence: 1, errno: EIO),
]

/// Failures during `publish` that happen before or at the `link`, so no blob file may appear.
private let publishFailuresBeforeLink = [
    InjectedFailure(call: .mkdir, occurrence: 1, errno: ENOSPC),
    InjectedFailure(call: .fsync, occurrence: 1, errno: EIO),
    InjectedFailure(call: .link, occurrence: 1, errno: EIO),
    InjectedFailure(call: .link, occurrence: 1, errno: ENOSPC),
]

@Suite("Failure injection through SystemCallHooks")
struct FailureInjectionTests {
    @Test("Failed stage leaves tmp empty", arguments: stageFailures)
    func failedStageLeavesTemporaryFolderEmpty(failure: InjectedFailure) throws {
        let bytes = SampleContent.random(mebibyte).bytes
        let recorder = SystemCallRecorder(failing: failure)
        try withTemporaryStore(hooks: recorder) { store in
            let error = #expect(throws: BlobStoreError.self) {
                _ = try store.stage(bytes)
            }

            #expect(error?.code == .system)
            #expect(error?.systemError?.call == failure.call)
            #expect(error?.systemError?.errno == failure.errno)
            #expect(error?.systemError?.isOutOfSpace == (failure.errno == ENOSPC || failure.errno == EDQUOT))
            let failedCall = try #require(recorder.failedCall, "the injected failure was never reached")
            #expect(failedCall.path.hasPrefix(store.blobs.temporaryPath + "/"))
            #expect(try store.temporaryFiles() == [])
            #expect(try store.objectFiles() == [])

            // The failure was one call: the same store and codec work again right after it.
            let staged = try store.write(bytes)
            #expect(try firstDifference(store.read(staged), bytes) == nil)
        }
    }

    @Test("Failed publish leaves no blob", arguments: publishFailuresBeforeLink)
    func failedPublishLeavesNoBlob(failure: InjectedFailure) throws {
        let bytes = SampleContent.text(80_000).bytes
        try withTemporaryStore { store in
            let staged = try store.stage(bytes)
            let recorder = SystemCallRecorder(failing: failure)
            let failingBlobs = store.blobs(hooks: recorder)

            let error = #expect(throws: BlobStoreError.self) { try failingBlobs.publish(staged) }

            #expect(error?.code == .system)
            #expect(error?.systemError?.call == failure.call)
            #expect(error?.systemError?.errno == failure.errno)
            #expect(recorder.failedCall != nil, "the injected failure was never reached")
            #expect(try store.objectFiles() == [])
            #expect(try store.blobs.contains(staged.digest) == false)
            #expect(try store.temporaryFiles().count == 1, "publish leaves the temporary file to the caller")

            // Publishing again from the same temporary file succeeds once the failure is gone.
            try store.blobs.publish(staged)
            store.blobs.discard(staged)
            #expect(try store.temporaryFiles() == [])
            #expect(try firstDifference(store.read(staged), bytes) == nil)
        }
    }

    @Test("Failed folder sync is reported")
    func failedFolderSyncIsReported() throws {
        try withTemporaryStore { store in
            let staged = try store.stage(SampleContent.text(1000).bytes)
            // The first fsync in publish is of objects/ after creating the fan-out folder, the second of
            // the fan-out folder after the link.
            let recorder = SystemCallRecorder(failing: InjectedFailure(call: .fsync, occurrence: 2, errno: EIO))

            let error = #expect(throws: BlobStoreError.self) { try store.blobs(hooks: recorder).publish(staged) }

            #expect(error?.code == .system)
            #expect(error?.systemError?.errno == EIO)
            #expect(recorder.failedCall == RecordedCall(call: .fsync, path: store.blobs.fanoutPath(for: staged.digest)))
        }
    }

    @Test(
        "Failed read is a system error",
        arguments: [
            InjectedFailure(call: .open, occurrence: 1, errno: EIO),
            InjectedFailure(call: .read, occurrence: 1, errno: EIO),
            InjectedFailure(call: .read, occurrence: 2, errno: EIO),
        ])
    func failedReadIsSystemError(failure: InjectedFailure) throws {
        try withTemporaryStore { store in
            let staged = try store.write(SampleContent.random(200_000).bytes)
            let recorder = SystemCallRecorder(failing: failure)

            let error = #expect(throws: BlobStoreError.self) {
                _ = try store.blobs(hooks: recorder).readAll(
                    staged.digest, expectedSize: staged.size, codec: store.codec)
            }

            #expect(error?.code == .system, "an I/O error is not evidence of corruption")
            #expect(error?.systemError?.call == failure.call)
            #expect(try store.read(staged).count == 200_000, "the store reads again once the failure is gone")
        }
    }
}
