extension ChatFilesError {
    /// Wraps a failed system call, mapping a full disk to ``Code/outOfSpace``.
    init(_ error: SystemError, while action: String) {
        let code: Code = error.isOutOfSpace ? .outOfSpace : .io
        self.init(code, "\(action) failed: \(error)", underlying: error)
    }

    /// Wraps a blob-store error that has no chat or file to name.
    init(_ error: BlobStoreError) {
        switch error.code {
        case .corruptBlob:
            self.init(.corruptBlob, error.message, underlying: error)
        case .missingBlob:
            self.init(.missingBlob, error.message, underlying: error)
        case .system:
            let code: Code = error.systemError?.isOutOfSpace == true ? .outOfSpace : .io
            self.init(code, error.message, underlying: error)
        case .invalidDigest:
            self.init(.invalidArgument, error.message, underlying: error)
        case .library:
            self.init(.io, error.message, underlying: error)
        }
    }

    /// Wraps a blob-store error met while reading or writing one file, naming the chat and filename.
    init(_ error: BlobStoreError, chatID: String, filename: String) {
        let base = ChatFilesError(error)
        let repair =
            base.code == .corruptBlob || base.code == .missingBlob
            ? "; write the file's content again to repair the blob, and verify the store to find other damage" : ""
        self.init(base.code, "file '\(filename)' in chat '\(chatID)': \(error.message)" + repair, underlying: error)
    }

    /// Converts any error thrown inside the store into a ``ChatFilesError``.
    static func wrapping(_ error: any Error) -> ChatFilesError {
        switch error {
        case let error as ChatFilesError: error
        case let error as BlobStoreError: ChatFilesError(error)
        case let error as SystemError: ChatFilesError(error, while: "a file operation")
        default: ChatFilesError(.io, "\(error)")
        }
    }
}
