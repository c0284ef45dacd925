import Foundation
import Testing

/// Every bad command line exits with 64 (usage) or 1 (failure), prints one `error: …` line and
/// changes neither the store nor the files around it.
@Suite struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let arguments: [String]
        let status: Int32
        /// Text the error line must contain: the value at fault or the fix.
        let mentions: String

        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "unknown command", arguments: ["frobnicate"], status: 64, mentions: "'frobnicate'"),
        Case(
            label: "unknown flag", arguments: ["ls", "--chat", "c1", "--verbose"], status: 64,
            mentions: "see 'chatfiles ls --help'"),
        Case(
            label: "missing --chat", arguments: ["put", "--user", "u1", "new.txt"], status: 64,
            mentions: "missing required option --chat <id>"),
        Case(
            label: "invalid filename", arguments: ["put", "--chat", "c1", "--user", "u1", "--name", "../x", "new.txt"],
            status: 64, mentions: "invalid filename \"../x\""),
        Case(
            label: "invalid metadata JSON",
            arguments: ["put", "--chat", "c1", "--user", "u1", "--metadata", "{source: chat}", "new.txt"], status: 64,
            mentions: "invalid metadata"),
        Case(
            label: "invalid file type", arguments: ["put", "--chat", "c1", "--user", "u1", "--type", "Py", "new.txt"],
            status: 64, mentions: "invalid file type \"Py\""),
        Case(
            label: "invalid chat id", arguments: ["put", "--chat", "a/b", "--user", "u1", "new.txt"], status: 64,
            mentions: "invalid chat id \"a/b\""),
        Case(
            label: "another user's chat", arguments: ["put", "--chat", "c1", "--user", "u2", "new.txt"], status: 1,
            mentions: "belongs to another user"),
        Case(
            label: "missing input file", arguments: ["put", "--chat", "c1", "--user", "u1", "absent.txt"], status: 1,
            mentions: "no file at 'absent.txt'"),
        Case(
            label: "get of a missing file", arguments: ["get", "--chat", "c1", "absent.md"], status: 1,
            mentions: "file 'absent.md' not found in chat 'c1'"),
        Case(
            label: "ls of a chat without files", arguments: ["ls", "--chat", "nobody"], status: 1,
            mentions: "chat 'nobody' has no files"),
        Case(
            label: "rm of a missing file", arguments: ["rm", "--chat", "c1", "keep.md", "absent.md"], status: 1,
            mentions: "nothing was deleted"),
        Case(
            label: "export onto an existing file", arguments: ["export", "--chat", "c1", "out"], status: 1,
            mentions: "exists already; nothing was written"),
        Case(
            label: "export of a chat without files", arguments: ["export", "--chat", "nobody", "empty-out"], status: 1,
            mentions: "chat 'nobody' has no files"),
    ]

    /// Creates a store with two files in chat c1, an input file, and an export folder where `keep.md` exists.
    static func prepare() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("keep.md", "# keep\n")
        try folder.write("other.txt", "other\n")
        try folder.write("new.txt", "new\n")
        _ = try folder.chatfiles("put", "--chat", "c1", "--user", "u1", "keep.md")
        _ = try folder.chatfiles("put", "--chat", "c1", "--user", "u1", "other.txt")
        try folder.write("out/keep.md", "mine, not the store's\n")
        return folder
    }

    /// Returns the store's listing and totals, plus every file under the test folder except the store.
    static func snapshot(_ folder: TemporaryFolder) throws -> [String] {
        let listing = try folder.chatfiles("ls", "--chat", "c1", "--json").output
        let totals = try folder.chatfiles("stats", "--json").output
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
            .filter { !$0.hasPrefix("store") }
            .sorted()
        return [listing, totals] + files
    }

    @Test("bad input fails with one error line and changes nothing", arguments: cases)
    func rejected(example: Case) throws {
        let folder = try Self.prepare()
        let before = try Self.snapshot(folder)

        let result = try folder.chatfiles(example.arguments)
        #expect(result.status == example.status, "stderr: \(result.errorOutput)")
        #expect(result.output.isEmpty)
        #expect(result.errorLines.count == 1, "stderr: \(result.errorOutput)")
        #expect(result.errorOutput.hasPrefix("error: "))
        #expect(result.errorOutput.contains(example.mentions), "stderr: \(result.errorOutput)")
        if example.status == 64 {
            #expect(result.errorOutput.contains("; see 'chatfiles "), "stderr: \(result.errorOutput)")
        }
        #expect(try Self.snapshot(folder) == before)
        #expect(
            try String(contentsOfFile: folder.path + "/out/keep.md", encoding: .utf8) == "mine, not the store's\n")
    }

    @Test func storePathThatIsAFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("not-a-store", "plain file\n")
        for arguments in [["ls"], ["stats"], ["put", "--chat", "c", "--user", "u", path]] {
            let result = try runProcess(toolPath, ["--store", path] + arguments, in: folder.path)
            #expect(result.status == 1, "\(arguments): \(result.errorOutput)")
            #expect(result.errorLines.count == 1)
            #expect(result.errorOutput.contains("is not a store: it exists and is not a folder"))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "plain file\n")
    }

    @Test func readOnlyCommandsDoNotCreateAStore() throws {
        let folder = try TemporaryFolder()
        for arguments in [["ls"], ["stats"], ["get", "--chat", "c", "a"], ["export", "--chat", "c", "out"]] {
            let result = try folder.chatfiles(arguments)
            #expect(result.status == 1)
            #expect(
                result.errorOutput
                    == "error: no store at '\(folder.store)'; run 'chatfiles init' or 'chatfiles put' to create one, "
                    + "or pass the store folder with --store\n")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.store))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }
}
