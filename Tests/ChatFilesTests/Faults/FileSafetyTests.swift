import Foundation
import Synchronization
import Testing

@testable import ChatFiles

/// The store creates its files exclusively, never writes or reads through a symbolic link planted in
/// its folders, makes blob files read-only (0400), and leaves nothing writable by other users,
/// whatever the umask.
@Suite struct FileSafetyTests {
    enum Planted: String, CaseIterable, Sendable {
        case symbolicLink = "symbolic link"
        case regularFile = "regular file"
    }

    /// A file outside the store that planted links point to, and its state to compare after the test.
    struct Target {
        let path: String
        let content: Data
        let status: FileStatus

        init(in directory: String) throws {
            path = directory + "/outside.txt"
            content = Data("a file outside the store that must stay as it is\n".utf8)
            try content.write(to: URL(fileURLWithPath: path))
            status = try #require(try FileSystem.live.status(path))
        }

        func expectUntouched(sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: path)) == content, "the target's content changed",
                sourceLocation: sourceLocation)
            #expect(
                try FileSystem.live.status(path) == status, "the target's status changed",
                sourceLocation: sourceLocation)
        }
    }

    func plant(_ kind: Planted, at path: String, pointingTo target: Target) throws {
        switch kind {
        case .symbolicLink:
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target.path)
        case .regularFile:
            try Data("planted".utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    @Test("exclusive create rejects planted name", arguments: Planted.allCases)
    func exclusiveCreateRejects(_ kind: Planted) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let target = try Target(in: directory)
        let path = directory + "/planted"
        try plant(kind, at: path, pointingTo: target)
        let plantedStatus = try FileSystem.live.linkStatus(path)

        let error = try #require(throws: SystemError.self) {
            _ = try FileSystem.live.createExclusively(path, permissions: 0o400)
        }
        #expect(error.errno == EEXIST)
        #expect(try FileSystem.live.linkStatus(path) == plantedStatus)
        try target.expectUntouched()
    }

    /// Plants a symbolic link or a file at the path of the next temporary file the store creates, just
    /// before the store's `open` runs, as an attacker racing the store would.
    final class PlantingHooks: SystemCallHooks {
        let temporaryFolder: String
        let kind: Planted
        let targetPath: String
        /// The path planted on, once the trap fired.
        let plantedPath = Mutex<String?>(nil)
        let isArmed = Mutex(false)

        init(temporaryFolder: String, kind: Planted, targetPath: String) {
            self.temporaryFolder = temporaryFolder
            self.kind = kind
            self.targetPath = targetPath
        }

        func willCall(_ call: SystemCall, path: String) -> Int32? {
            guard call == .open, path.hasPrefix(temporaryFolder + "/"), path.hasSuffix(".tmp"),
                isArmed.withLock({ $0 })
            else { return nil }
            plantedPath.withLock { planted in
                guard planted == nil else { return }
                switch kind {
                case .symbolicLink:
                    try? FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: targetPath)
                case .regularFile:
                    try? Data("planted".utf8).write(to: URL(fileURLWithPath: path))
                }
                planted = path
            }
            return nil
        }
    }

    @Test("planted temporary name fails the write", arguments: Planted.allCases)
    func plantedTemporaryName(_ kind: Planted) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let target = try Target(in: directory)
        let hooks = PlantingHooks(temporaryFolder: directory + "/store/tmp", kind: kind, targetPath: target.path)
        var options = StoreOptions()
        options.fileSystem = FileSystem(hooks: hooks)
        let store = try ChatFileStore(path: directory + "/store", options: options)

        hooks.isArmed.withLock { $0 = true }
        let error = try #require(throws: ChatFilesError.self) {
            try store.write(chatID: "c1", userID: "u1", filename: "plan.md", text: "# plan\n")
        }
        hooks.isArmed.withLock { $0 = false }
        #expect(error.code == .io)
        #expect(error.message.contains("plan.md"), "\(error.message)")
        #expect(error.message.contains("File exists"), "\(error.message)")
        let plantedPath = try #require(hooks.plantedPath.withLock { $0 }, "the store created no temporary file")
        #expect(try FileSystem.live.linkStatus(plantedPath)?.isSymbolicLink == (kind == .symbolicLink))
        #expect(try store.file(chatID: "c1", filename: "plan.md") == nil)
        try target.expectUntouched()

        try store.write(chatID: "c1", userID: "u1", filename: "plan.md", text: "# plan\n")
        #expect(try store.readText(chatID: "c1", filename: "plan.md") == "# plan\n")
    }

    @Test("read never follows a symlinked blob") func symlinkedBlobRead() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let target = try Target(in: temporary.directory)
        let content = Array(String(repeating: "month,revenue\n", count: 500).utf8)
        let file = try store.write(chatID: "c1", userID: "u1", filename: "revenue.csv", content: content)
        let blobPath = store.blobs.path(for: file.blob)
        try FileManager.default.removeItem(atPath: blobPath)
        try plant(.symbolicLink, at: blobPath, pointingTo: target)

        let error = try #require(throws: ChatFilesError.self) {
            _ = try store.read(chatID: "c1", filename: "revenue.csv")
        }
        #expect(error.message.contains("revenue.csv"), "\(error.message)")
        #expect(try store.verify().problems.map(\.kind) == [.missingBlobFile])
        try target.expectUntouched()

        try store.write(chatID: "c2", userID: "u1", filename: "copy.csv", content: content)
        try expectSoundBlobFile(at: blobPath)
        #expect(try store.read(chatID: "c1", filename: "revenue.csv") == content)
        #expect(try store.verify().isHealthy)
        try target.expectUntouched()
    }

    @Test("write replaces a link planted at its blob") func linkPlantedBeforeWrite() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let target = try Target(in: temporary.directory)
        let content = Array("print('new content')\n".utf8)
        let digest = SHA256Hasher.hash(content)
        try FileManager.default.createDirectory(
            atPath: store.blobs.fanoutPath(for: digest), withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o700])
        try plant(.symbolicLink, at: store.blobs.path(for: digest), pointingTo: target)

        try store.write(chatID: "c1", userID: "u1", filename: "main.py", content: content)
        try expectSoundBlobFile(at: store.blobs.path(for: digest))
        #expect(try store.read(chatID: "c1", filename: "main.py") == content)
        try target.expectUntouched()
    }

    func expectSoundBlobFile(at path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let status = try #require(try FileSystem.live.linkStatus(path), sourceLocation: sourceLocation)
        #expect(status.isRegularFile, "\(path) is not a regular file", sourceLocation: sourceLocation)
        #expect(
            status.permissions == 0o400, "\(path) has mode \(octal(status.permissions))", sourceLocation: sourceLocation
        )
    }

    func octal(_ permissions: UInt32) -> String {
        "0" + String(permissions, radix: 8)
    }

    /// Checks every entry of a store: nothing is writable by other users, blob files are regular
    /// files with mode 0400, and the store, `objects/`, `tmp/` and the fan-out folders are folders.
    func expectPrivatePermissions(store path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var blobFiles = 0
        var fanoutFolders = 0
        func check(_ entry: String) throws {
            let status = try #require(try FileSystem.live.linkStatus(entry), sourceLocation: sourceLocation)
            #expect(
                status.permissions & 0o002 == 0, "\(entry) is world-writable: \(octal(status.permissions))",
                sourceLocation: sourceLocation)
            if entry.hasPrefix(path + "/objects/") {
                if status.isDirectory {
                    fanoutFolders += 1
                } else {
                    blobFiles += 1
                    try expectSoundBlobFile(at: entry, sourceLocation: sourceLocation)
                }
            }
            if status.isDirectory {
                for name in try FileManager.default.contentsOfDirectory(atPath: entry) {
                    try check(entry + "/" + name)
                }
            }
        }
        try check(path)
        for folder in [path, path + "/objects", path + "/tmp"] {
            #expect(try FileSystem.live.linkStatus(folder)?.isDirectory == true, sourceLocation: sourceLocation)
        }
        #expect(blobFiles >= 4, "only \(blobFiles) blob files to check", sourceLocation: sourceLocation)
        #expect(fanoutFolders >= 1, sourceLocation: sourceLocation)
    }

    @Test("store files are private") func privatePermissions() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let source = temporary.directory + "/export.csv"
        try Data(String(repeating: "a,b\n", count: 10_000).utf8).write(to: URL(fileURLWithPath: source))
        try store.write(chatID: "c1", userID: "u1", filename: "notes.md", text: "# notes\n")
        try store.write(FileWrite(chatID: "c1", userID: "u1", filename: "export.csv", content: .file(path: source)))
        try store.write(batch: [
            FileWrite(chatID: "c2", userID: "u1", filename: "a.json", content: .bytes(Array("{}".utf8))),
            FileWrite(chatID: "c2", userID: "u1", filename: "b.py", content: .bytes(Array("pass\n".utf8))),
        ])

        try expectPrivatePermissions(store: temporary.path)
    }

    /// The umask is process-wide, so the store is created by a worker process that sets it to 0.
    @Test("store files are private under umask 0") func privateUnderZeroUmask() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try run(workerPath, ["zero-umask-store", directory + "/store"])
        #expect(result.status == 0, "the worker failed: \(result.errors)")
        #expect(String(decoding: result.output, as: UTF8.self) == "written\n")

        try expectPrivatePermissions(store: directory + "/store")
        let source = try #require(try FileSystem.live.status(directory + "/zero-umask-source.csv"))
        #expect(source.permissions & 0o002 != 0, "the worker's umask was not 0, so this test proves nothing")
    }
}
