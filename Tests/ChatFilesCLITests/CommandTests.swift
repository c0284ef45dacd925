import Foundation
import Testing

/// Runs the built `chatfiles` executable on stores in temporary folders and checks its output,
/// error output and exit status.
@Suite struct CommandTests {
    @Test func putAndGetRoundTrip() throws {
        let folder = try TemporaryFolder()
        try folder.write("notes/todo.md", "- [ ] plan\n")

        let put = try folder.chatfiles("put", "--chat", "c1", "--user", "u1", "notes/todo.md")
        #expect(put.status == 0, "\(put.errorOutput)")
        #expect(put.output.hasPrefix("stored 'todo.md' in chat 'c1': 11 bytes, type markdown, sha256 "))
        #expect(put.errorOutput.isEmpty)

        let get = try folder.chatfiles("get", "--chat", "c1", "todo.md")
        #expect(get.status == 0)
        #expect(get.output == "- [ ] plan\n")
    }

    @Test func putFromStandardInputAndGetAreByteExact() throws {
        let folder = try TemporaryFolder()
        // Several MiB of bytes that are not UTF-8 text, streamed through pipes both ways.
        let script = """
            set -e
            head -c 3000000 /dev/urandom > input.bin
            sha256sum < input.bin > expected.txt
            cat input.bin | '\(toolPath)' --store store put --chat c1 --user u1 --name data/blob.bin - > /dev/null
            '\(toolPath)' --store store get --chat c1 data/blob.bin | sha256sum > actual.txt
            cmp expected.txt actual.txt
            cat actual.txt
            """
        let result = try runShell(script, in: folder.path)
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.count > 64)
    }

    @Test func getToFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.csv", "x,y\n1,2\n")
        _ = try folder.chatfiles("put", "--chat", "c1", "--user", "u1", "a.csv")

        let result = try folder.chatfiles("get", "--chat", "c1", "-o", "copy.csv", "a.csv")
        #expect(result.status == 0)
        #expect(result.output.isEmpty)
        #expect(try String(contentsOfFile: folder.path + "/copy.csv", encoding: .utf8) == "x,y\n1,2\n")
    }

    @Test func putOptionsAreStoredAndListedAsJSON() throws {
        let folder = try TemporaryFolder()
        try folder.write("plot", "print(1)\n")
        let put = try folder.chatfiles(
            "put", "--chat", "c1", "--user", "u1", "--name", "src/plot.py", "--type", "python", "--description",
            "A plot", "--metadata", #"{"source": "assistant"}"#, "plot")
        #expect(put.status == 0, "\(put.errorOutput)")

        let list = try folder.chatfiles("ls", "--chat", "c1", "--json")
        #expect(list.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        let row = rows[0]
        #expect(
            Set(row.keys) == [
                "id", "chat_id", "user_id", "filename", "file_type", "size_bytes", "sha256", "description",
                "metadata", "created_at", "updated_at",
            ])
        #expect(row["filename"] as? String == "src/plot.py")
        #expect(row["file_type"] as? String == "python")
        #expect(row["size_bytes"] as? Int == 9)
        #expect(row["description"] as? String == "A plot")
        #expect(row["metadata"] as? String == #"{"source": "assistant"}"#)
        let updated = try #require(row["updated_at"] as? String)
        #expect(updated.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "\(updated)")

        let python = try runProcess(
            "/usr/bin/env", ["python3", "-m", "json.tool"], input: list.output, in: folder.path)
        #expect(python.status == 0, "\(python.errorOutput)")
    }

    @Test func listChatsOfStoreAndUser() throws {
        let folder = try TemporaryFolder()
        try folder.write("f.txt", "text\n")
        _ = try folder.chatfiles("put", "--chat", "c1", "--user", "u1", "f.txt")
        _ = try folder.chatfiles("put", "--chat", "c2", "--user", "u2", "f.txt")

        let all = try folder.chatfiles("ls")
        #expect(all.status == 0)
        let lines = all.output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("CHAT  USER  FILES  BYTES  UPDATED"))
        #expect(lines[1].hasPrefix("c1    u1        1      5  "))
        #expect(lines[2].hasPrefix("c2    u2        1      5  "))

        let ofUser = try folder.chatfiles("ls", "--user", "u2", "--json")
        let chats = try #require(try JSONSerialization.jsonObject(with: Data(ofUser.output.utf8)) as? [[String: Any]])
        #expect(chats.map { $0["chat_id"] as? String } == ["c2"])
        #expect(Set(chats[0].keys) == ["chat_id", "user_id", "file_count", "total_bytes", "last_updated_at"])

        let files = try folder.chatfiles("ls", "--chat", "c1")
        #expect(files.output.hasPrefix("NAME   TYPE  BYTES  UPDATED\nf.txt  text      5  "))
    }

    @Test func removeFilesAndChat() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "a\n")
        try folder.write("b.txt", "b\n")
        for name in ["a.txt", "b.txt"] {
            _ = try folder.chatfiles("put", "--chat", "c1", "--user", "u1", name)
        }
        _ = try folder.chatfiles("put", "--chat", "c2", "--user", "u1", "a.txt")

        let missing = try folder.chatfiles("rm", "--chat", "c1", "a.txt", "nope.txt")
        #expect(missing.status == 1)
        #expect(missing.errorLines.count == 1)
        #expect(try folder.chatfiles("ls", "--chat", "c1").output.contains("a.txt"))

        let removed = try folder.chatfiles("rm", "--chat", "c1", "a.txt")
        #expect(removed.status == 0)
        #expect(removed.output == "deleted 'a.txt' from chat 'c1'\n")

        let chat = try folder.chatfiles("rm-chat", "--chat", "c2")
        #expect(chat.status == 0)
        #expect(chat.output == "deleted 1 files (2 bytes) of chat 'c2'\n")
        let again = try folder.chatfiles("rm-chat", "--chat", "c2")
        #expect(again.status == 1)
        #expect(again.errorOutput == "error: chat 'c2' has no files; list the chats with 'chatfiles ls'\n")

        let stats = try folder.chatfiles("stats", "--json")
        let totals = try #require(try JSONSerialization.jsonObject(with: Data(stats.output.utf8)) as? [String: Any])
        #expect(totals["files"] as? Int == 1)
        #expect(totals["garbage_blobs"] as? Int == 1)
    }

    @Test func initCreatesEmptyStore() throws {
        let folder = try TemporaryFolder()
        let created = try folder.chatfiles("init")
        #expect(created.status == 0)
        #expect(created.output == "created an empty store at '\(folder.store)'\n")
        let again = try folder.chatfiles("init")
        #expect(again.output == "store at '\(folder.store)' exists already; nothing changed\n")

        let stats = try folder.chatfiles("stats")
        #expect(stats.status == 0)
        #expect(
            stats.output == """
                files              0
                chats              0
                blobs              0
                logical size       0.0 MB
                unique size        0.0 MB
                stored size        0.0 MB
                dedup ratio        1.00 (logical / unique)
                compression ratio  1.00 (unique / stored)
                garbage waiting    0 blobs, 0.0 MB

                """)
        #expect(try folder.chatfiles("ls").output == "the store has no chats\n")
    }

    @Test func storeFromEnvironment() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "a\n")
        let put = try runProcess(
            toolPath, ["put", "--chat", "c1", "--user", "u1", "a.txt"],
            environment: ["CHATFILES_STORE": folder.path + "/from-env"], in: folder.path)
        #expect(put.status == 0, "\(put.errorOutput)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/from-env/index.sqlite"))

        let fallback = try runProcess(toolPath, ["ls"], in: folder.path)
        #expect(fallback.status == 1)
        #expect(fallback.errorOutput.hasPrefix("error: no store at './chatfiles-store'; run 'chatfiles init'"))
    }

    @Test func helpGoesToStandardOutput() throws {
        let folder = try TemporaryFolder()
        let result = try folder.chatfiles("export", "--help")
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("OVERVIEW: Write every file of a chat into a folder."))
        #expect(result.errorOutput.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.store))
    }

    @Test func storeOptionAfterCommand() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "a\n")
        let put = try runProcess(
            toolPath, ["put", "--chat", "c1", "--user", "u1", "a.txt", "--store", "custom"], in: folder.path)
        #expect(put.status == 0, "\(put.errorOutput)")
        let list = try runProcess(toolPath, ["ls", "--store=custom", "--chat", "c1"], in: folder.path)
        #expect(list.status == 0)
        #expect(list.output.hasPrefix("NAME   TYPE  BYTES  UPDATED\na.txt  text      2  "))
    }
}
