import BlobStore
import Foundation
import Testing

/// Runs `body` with the path of a new, empty directory and removes the directory and everything in it
/// afterwards, also when `body` throws.
func withTemporaryDirectory<Result>(_ body: (String) throws -> Result) throws -> Result {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("BlobStoreTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
}

/// A blob directory in a temporary folder, with a codec to write and read it.
struct TemporaryStore {
    /// The store folder, which contains `objects/` and `tmp/`.
    let root: String
    /// The blob directory under test, reporting its system calls to the hooks the test passed, if any.
    let blobs: BlobDirectory
    let codec: BlobCodec

    /// Returns a blob directory on the same folder whose system calls go to `hooks`.
    func blobs(hooks: any SystemCallHooks, durability: Durability = .full) -> BlobDirectory {
        BlobDirectory(root: root, fileSystem: FileSystem(hooks: hooks), durability: durability)
    }

    /// Compresses `content` into a temporary file without publishing it.
    func stage(_ content: [UInt8]) throws -> StagedBlob {
        try content.withUnsafeBytes { try blobs.stage($0, codec: codec) }
    }

    /// Stages and publishes `content`, leaving the temporary file in place as `publish` does.
    @discardableResult
    func write(_ content: [UInt8]) throws -> StagedBlob {
        let staged = try stage(content)
        try blobs.publish(staged)
        return staged
    }

    /// Reads the published content of `staged`, verified against its digest and size.
    func read(_ staged: StagedBlob) throws -> [UInt8] {
        try blobs.readAll(staged.digest, expectedSize: staged.size, codec: codec)
    }

    /// Names in `tmp/`.
    func temporaryFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: blobs.temporaryPath)
    }

    /// Paths of the regular files under `objects/`, relative to it, sorted.
    func objectFiles() throws -> [String] {
        try regularFiles(under: blobs.objectsPath)
    }

    /// Replaces the file of `digest` with `bytes`, creating its fan-out folder if needed.
    func plant(_ bytes: [UInt8], as digest: SHA256Digest) throws {
        let path = blobs.path(for: digest)
        try FileManager.default.createDirectory(
            atPath: blobs.fanoutPath(for: digest), withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: path) {
            try FileManager.default.removeItem(atPath: path)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}

/// Runs `body` with a store whose layout exists in a new temporary folder, and removes the folder afterwards.
///
/// The layout is created without `hooks`, so a hook that counts calls records only the calls `body` makes.
func withTemporaryStore<Result>(
    durability: Durability = .full, hooks: (any SystemCallHooks)? = nil, level: Int = 6,
    _ body: (TemporaryStore) throws -> Result
) throws -> Result {
    try withTemporaryDirectory { root in
        try BlobDirectory(root: root, durability: durability).createLayout()
        let blobs = BlobDirectory(root: root, fileSystem: FileSystem(hooks: hooks), durability: durability)
        return try body(TemporaryStore(root: root, blobs: blobs, codec: BlobCodec(level: level)))
    }
}

/// Paths of the regular files below `directory`, relative to it, sorted.
func regularFiles(under directory: String) throws -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
        throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: directory])
    }
    var files: [String] = []
    while let relativePath = enumerator.nextObject() as? String {
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/" + relativePath)
        if attributes[.type] as? FileAttributeType == .typeRegular {
            files.append(relativePath)
        }
    }
    return files.sorted()
}

/// Returns the bytes of the file at `path`.
func fileBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Writes `bytes` to a new file at `path`.
func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// Returns the permission bits of the file at `path`, such as `0o400`.
func permissionBits(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    let permissions = try #require(attributes[.posixPermissions] as? NSNumber, "no permissions for '\(path)'")
    return permissions.intValue
}

/// Expects `body` to throw a ``BlobStoreError`` and returns its code, or `nil` after recording an issue.
func blobStoreErrorCode(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> BlobStoreError.Code? {
    let error = #expect(throws: BlobStoreError.self, sourceLocation: sourceLocation) { try body() }
    return error?.code
}
