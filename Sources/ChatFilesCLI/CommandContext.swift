import ChatFiles

/// The environment of a running command: the store folder and the output streams.
public final class CommandContext {
    /// The store folder chosen by `--store`, `$CHATFILES_STORE` or the default.
    public let storePath: String
    public let output: any TextOutput
    public let errorOutput: any TextOutput
    /// Whether standard error is a terminal, which decides whether progress is shown.
    public let showsProgress: Bool
    /// The descriptor that streamed file content is written to: standard output.
    public let outputDescriptor: Int32 = 1
    /// The descriptor that `put -` reads: standard input.
    public let inputDescriptor: Int32 = 0

    public init(storePath: String, output: any TextOutput, errorOutput: any TextOutput, showsProgress: Bool) {
        self.storePath = storePath
        self.output = output
        self.errorOutput = errorOutput
        self.showsProgress = showsProgress
    }

    /// Writes one line to standard output.
    func print(_ line: String) {
        output.write(line + "\n")
    }

    /// Writes a `warning: …` line to standard error.
    func warn(_ message: String) {
        errorOutput.write("warning: " + message + "\n")
    }

    /// Opens the store, creating an empty one when the folder does not exist or is empty.
    func openStore() throws -> ChatFileStore {
        try ChatFileStore(path: storePath)
    }

    /// Opens a store that must already exist, for commands that only read or delete.
    ///
    /// - Throws: ``CommandFailure`` when nothing is at the path, or it is an empty folder, so that a
    ///   mistyped `--store` does not create a store and report it as empty. Any other folder that is
    ///   not a store is left to ``ChatFileStore/init(path:options:)``, which rejects it.
    func openExistingStore(options: StoreOptions = StoreOptions()) throws -> ChatFileStore {
        let fileSystem = FileSystem.live
        let missing = CommandFailure(
            "no store at \(quoted(storePath)); run 'chatfiles init' or 'chatfiles put' to create one, "
                + "or pass the store folder with --store")
        guard let status = try fileSystem.status(storePath) else {
            throw missing
        }
        if status.isDirectory, try fileSystem.contentsOfDirectory(storePath).isEmpty {
            throw missing
        }
        return try ChatFileStore(path: storePath, options: options)
    }
}
