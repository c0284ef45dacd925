import Foundation
import Testing

@testable import ChatFiles

@Suite struct SweepTests {
    /// Leaves the kinds of files a crashed writer leaves: a published blob file that no row
    /// references, and a temporary file of a process that no longer runs.
    func leaveCrashLeftovers(in temporary: TemporaryStore, age: TimeInterval) throws -> (
        orphan: String, temporaryFile: String
    ) {
        let content = Array("content of a write that crashed before its transaction".utf8)
        let staged = try temporary.store.withCodec { codec in
            try content.withUnsafeBytes { try temporary.store.blobs.stage($0, codec: codec) }
        }
        try temporary.store.blobs.publish(staged)
        temporary.store.blobs.discard(staged)
        let orphan = temporary.store.blobs.path(for: staged.digest)

        // Process ids above the kernel's pid_max (4,194,304 at most) cannot be running.
        let temporaryFile = temporary.path + "/tmp/9999999-deadbeef.tmp"
        try Data("half-written".utf8).write(to: URL(fileURLWithPath: temporaryFile))

        let date = Date().addingTimeInterval(-age)
        for path in [orphan, temporaryFile] {
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
        }
        return (orphan, temporaryFile)
    }

    @Test("ordinary collection leaves crash leftovers") func ordinaryKeepsLeftovers() throws {
        let temporary = try TemporaryStore()
        let leftovers = try leaveCrashLeftovers(in: temporary, age: 7200)

        let report = try temporary.store.collectGarbage(CollectionOptions(gracePeriod: .zero))
        #expect(report.removedOrphans == 0)
        #expect(report.removedTemporaryFiles == 0)
        #expect(FileManager.default.fileExists(atPath: leftovers.orphan))
        #expect(FileManager.default.fileExists(atPath: leftovers.temporaryFile))
    }

    @Test("full sweep keeps young leftovers") func sweepKeepsYoung() throws {
        let temporary = try TemporaryStore()
        let leftovers = try leaveCrashLeftovers(in: temporary, age: 60)

        let report = try temporary.store.collectGarbage(CollectionOptions(isFullSweep: true))
        #expect(report.removedOrphans == 0)
        #expect(report.removedTemporaryFiles == 0)
        #expect(FileManager.default.fileExists(atPath: leftovers.orphan))
        #expect(FileManager.default.fileExists(atPath: leftovers.temporaryFile))
    }

    @Test("full sweep removes old leftovers") func sweepRemovesOld() throws {
        let temporary = try TemporaryStore()
        try temporary.store.write(chatID: "c1", userID: "u1", filename: "live.txt", text: "stays")
        let leftovers = try leaveCrashLeftovers(in: temporary, age: 7200)

        let preview = try temporary.store.collectGarbage(CollectionOptions(isDryRun: true, isFullSweep: true))
        #expect(preview.removedOrphans == 1)
        #expect(preview.removedTemporaryFiles == 1)
        #expect(FileManager.default.fileExists(atPath: leftovers.orphan))

        let report = try temporary.store.collectGarbage(CollectionOptions(isFullSweep: true))
        #expect(report.removedOrphans == 1)
        #expect(report.removedOrphanBytes > 0)
        #expect(report.removedTemporaryFiles == 1)
        #expect(report.removedTemporaryBytes == 12)
        #expect(!FileManager.default.fileExists(atPath: leftovers.orphan))
        #expect(!FileManager.default.fileExists(atPath: leftovers.temporaryFile))
        #expect(try temporary.store.readText(chatID: "c1", filename: "live.txt") == "stays")
    }

    @Test("sweep spares a running writer's file") func sweepSparesRunningWriter() throws {
        let temporary = try TemporaryStore()
        // This process is running, so its temporary file belongs to a write that may be in flight.
        let path = temporary.path + "/tmp/\(ProcessInfo.processInfo.processIdentifier)-feed.tmp"
        try Data("in flight".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-600)], ofItemAtPath: path)

        let report = try temporary.store.collectGarbage(CollectionOptions(gracePeriod: .zero, isFullSweep: true))
        #expect(report.removedTemporaryFiles == 0)
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
