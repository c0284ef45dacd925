internal import Glibc

/// Asks the C library whether a descriptor is a terminal. Foundation has no equivalent of `isatty`,
/// and the import progress bar must appear only on a terminal, never in a log file or a pipe.
enum Terminal {
    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }
}
