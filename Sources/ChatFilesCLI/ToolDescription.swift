/// The tool's own help text: what it is, and what its exit statuses mean.
enum ToolDescription {
    static let version = "0.1.0"

    static let abstract = "Store the files of AI chats as deduplicated, compressed blobs with a SQLite index."

    static let discussion = """
        chatfiles writes, reads, lists and deletes the files that an AI chat backend generates (Python, \
        Markdown, CSV, JSON, text). Each file belongs to a chat, and each chat to a user. Content is \
        stored once per distinct SHA-256 as a zlib stream under objects/ in the store folder, and a \
        SQLite index (index.sqlite) maps chat and filename to content.

        Filenames are relative paths such as report.md or src/app/main.py. Sizes are in bytes, and MB \
        means 1,000,000 bytes. Times are UTC.
        """

    static let exitStatus = """
        0 on success. 1 when a command fails: a missing file, chat or store, a file that exists already, \
        or an I/O error. 64 for a usage error: an unknown command or option, a missing required option, \
        or an invalid value such as a filename, id, file type or metadata that the store rejects.
        """
}
