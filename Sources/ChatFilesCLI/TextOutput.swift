import ChatFiles

/// A destination for the tool's text: standard output, standard error, or a buffer in tests.
public protocol TextOutput: AnyObject {
    func write(_ text: String)
}

/// Standard output or standard error, written without buffering so that text and content streamed
/// to the same descriptor by ``ChatFileStore/read(chatID:filename:to:userID:)`` keep their order.
public final class StandardStream: TextOutput {
    private let descriptor: FileDescriptor
    /// The first failed write, such as `EPIPE` or `ENOSPC`; later writes are skipped.
    public private(set) var writeError: (any Error)?

    public init(descriptor: Int32, name: String) {
        self.descriptor = FileDescriptor(rawValue: descriptor, path: name)
    }

    public func write(_ text: String) {
        guard writeError == nil else { return }
        var text = text
        do {
            try text.withUTF8 { bytes in
                try FileSystem.live.write(descriptor, UnsafeRawBufferPointer(bytes))
            }
        } catch {
            writeError = error
        }
    }
}
