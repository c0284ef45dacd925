import Foundation
import Testing

@testable import ChatFilesCLI

/// Imports real folder trees with the built executable, exports them again and compares the copies
/// with `diff -r`.
@Suite struct ImportExportTests {
    /// Writes 5,000 files in 100 nested folders whose contents repeat (1,000 distinct texts), plus an
    /// empty file; returns the number of distinct contents.
    static func generateTree(at root: String) throws -> Int {
        let distinct = 1_000
        for index in 0..<5_000 {
            let folder = "\(root)/project-\(index % 20)/part-\(index % 5)"
            if index < 100 {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            let variant = index % distinct
            let line = "row \(variant), value \(variant * 7), label café-\(variant)\n"
            let content = String(repeating: line, count: 1 + variant % 40)
            let name = ["report.md", "data.csv", "main.py", "notes.txt", "config.json"][index % 5]
            try Data(content.utf8).write(to: URL(fileURLWithPath: "\(folder)/\(index)-\(name)"))
        }
        try Data().write(to: URL(fileURLWithPath: "\(root)/empty.txt"))
        return distinct + 1
    }

    @Test func importAndExportFiveThousandFiles() throws {
        let folder = try TemporaryFolder()
        let tree = folder.path + "/tree"
        let distinct = try Self.generateTree(at: tree)
        try folder.write("outside.txt", "outside\n")
        try FileManager.default.createSymbolicLink(atPath: tree + "/link.txt", withDestinationPath: "../outside.txt")
        let fifo = try runProcess("/usr/bin/mkfifo", [tree + "/project-0/pipe"], in: folder.path)
        #expect(fifo.status == 0)

        let imported = try folder.chatfiles("import", "--chat", "tree", "--user", "u1", tree)
        #expect(imported.status == 0, "\(imported.errorOutput)")
        #expect(
            imported.errorLines == [
                "warning: skipped '\(tree)/link.txt': it is a symbolic link",
                "warning: skipped '\(tree)/project-0/pipe': it is a special file (FIFO, socket or device)",
            ])
        #expect(imported.output.hasPrefix("imported 5,001 files into chat 'tree' of user 'u1'\n"))
        #expect(imported.output.contains("\n  files               5,001\n"))
        #expect(imported.output.contains("\n  new blobs           \(Formatting.count(distinct))\n"))
        #expect(imported.output.contains("\n  deduplicated files  \(Formatting.count(5_001 - distinct))\n"))
        #expect(imported.output.contains("\n  skipped             2 links and special files, 0 errors\n"))

        let stats = try folder.chatfiles("stats", "--json")
        let totals = try #require(try JSONSerialization.jsonObject(with: Data(stats.output.utf8)) as? [String: Any])
        #expect(totals["files"] as? Int == 5_001)
        #expect(totals["blobs"] as? Int == distinct)
        #expect(try #require(totals["deduplication_ratio"] as? Double) > 4)
        let text = try folder.chatfiles("stats")
        #expect(text.output.contains("\ndedup ratio        "))

        let export = try folder.chatfiles("export", "--chat", "tree", folder.path + "/copy")
        #expect(export.status == 0, "\(export.errorOutput)")
        #expect(export.output.hasPrefix("exported 5,001 files ("))
        try FileManager.default.removeItem(atPath: tree + "/link.txt")
        try FileManager.default.removeItem(atPath: tree + "/project-0/pipe")
        let diff = try runProcess("/usr/bin/diff", ["-r", tree, folder.path + "/copy"], in: folder.path)
        #expect(diff.status == 0, "\(diff.output)")
        #expect(diff.output.isEmpty)

        let permissions = try FileManager.default.attributesOfItem(atPath: folder.path + "/copy/project-3/part-3")
        #expect(permissions[.posixPermissions] as? Int == 0o755)

        let again = try folder.chatfiles("export", "--chat", "tree", folder.path + "/copy")
        #expect(again.status == 1)
        #expect(again.errorOutput.contains("and 5,000 more exist already; nothing was written"))
        let forced = try folder.chatfiles("export", "--chat", "tree", "--force", folder.path + "/copy")
        #expect(forced.status == 0, "\(forced.errorOutput)")
    }

    @Test func importSkipsRejectedNamesAndFailsAtTheEnd() throws {
        let folder = try TemporaryFolder()
        try folder.write("tree/good.txt", "good\n")
        try folder.write("tree/bad\\name.txt", "bad\n")

        let result = try folder.chatfiles("import", "--chat", "c1", "--user", "u1", folder.path + "/tree")
        #expect(result.status == 1)
        #expect(result.errorLines.count == 2)
        #expect(
            result.errorLines[0].hasPrefix("warning: skipped '\(folder.path)/tree/bad\\\\name.txt': invalid filename"))
        #expect(result.errorLines[1] == "error: 1 files were skipped because of errors; see the warnings above")
        #expect(result.output.contains("\n  files               1\n"))
        #expect(try folder.chatfiles("get", "--chat", "c1", "good.txt").output == "good\n")
    }

    @Test func importSkipsTheStoreInsideTheFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "a\n")
        let result = try runProcess(
            toolPath, ["--store", "store", "import", "--chat", "c1", "--user", "u1", "."], in: folder.path)
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.errorLines == ["warning: skipped './store': it is the store itself"])
        #expect(result.output.contains("\n  files               1\n"))
    }

    @Test func importIntoAnotherUsersChatFailsBeforeWriting() throws {
        let folder = try TemporaryFolder()
        try folder.write("tree/a.txt", "a\n")
        _ = try folder.chatfiles("import", "--chat", "c1", "--user", "u1", folder.path + "/tree")
        let result = try folder.chatfiles("import", "--chat", "c1", "--user", "u2", folder.path + "/tree")
        #expect(result.status == 1)
        #expect(
            result.errorOutput
                == "error: chat 'c1' belongs to user 'u1', not 'u2'; import with --user u1 or use a new chat id\n")
    }

    @Test func exportRejectsSymbolicLinkLeadingOutside() throws {
        let folder = try TemporaryFolder()
        try folder.write("passwd", "attacker wants this\n")
        try folder.write("a.txt", "a\n")
        _ = try folder.chatfiles("put", "--chat", "c1", "--user", "u1", "--name", "sub/passwd", "passwd")
        _ = try folder.chatfiles("put", "--chat", "c1", "--user", "u1", "a.txt")
        let outside = folder.path + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        let target = folder.path + "/target"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: target + "/sub", withDestinationPath: outside)

        for arguments in [["export", "--chat", "c1", target], ["export", "--chat", "c1", "--force", target]] {
            let result = try folder.chatfiles(arguments)
            #expect(result.status == 1)
            #expect(result.errorLines.count == 1)
            #expect(result.errorOutput.contains("'\(target)/sub' is a symbolic link, which could lead outside"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target) == ["sub"])
    }

    @Test func exportRejectsSymbolicLinkAsTarget() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "a\n")
        let victim = try folder.write("victim.txt", "victim\n")
        _ = try folder.chatfiles("put", "--chat", "c1", "--user", "u1", "a.txt")
        let target = folder.path + "/target"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: target + "/a.txt", withDestinationPath: victim)

        let result = try folder.chatfiles("export", "--chat", "c1", "--force", target)
        #expect(result.status == 1)
        #expect(result.errorOutput.contains("is a symbolic link"))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "victim\n")
    }

    @Test(
        "import shows progress only on a terminal",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progressOnTerminal() throws {
        let folder = try TemporaryFolder()
        for index in 0..<300 {
            try folder.write("tree/file-\(index).txt", "line \(index)\n")
        }
        // script(1) runs the command with a pseudo-terminal as standard error and records what it wrote.
        let command = "'\(toolPath)' --store store import --chat c1 --user u1 tree"
        let recorded = try runProcess("/usr/bin/script", ["-qec", command, "typescript"], in: folder.path)
        #expect(recorded.status == 0, "\(recorded.errorOutput)")
        let typescript = try String(contentsOfFile: folder.path + "/typescript", encoding: .utf8)
        // Redraws are at most 10 per second, so only the first line, drawn at once, is certain.
        #expect(typescript.contains("\rimporting 0 files, 0.0 MB, "), "\(typescript)")
        #expect(typescript.contains("\r\u{1B}[Kimported 300 files into chat 'c1'"), "\(typescript)")

        let piped = try folder.chatfiles("import", "--chat", "c2", "--user", "u1", folder.path + "/tree")
        #expect(piped.status == 0)
        #expect(piped.errorOutput.isEmpty)
    }

    @Test func exportRejectsFileAndFolderOfSameName() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "a\n")
        _ = try folder.chatfiles("put", "--chat", "c1", "--user", "u1", "--name", "notes", "a.txt")
        _ = try folder.chatfiles("put", "--chat", "c1", "--user", "u1", "--name", "notes/today.md", "a.txt")

        let result = try folder.chatfiles("export", "--chat", "c1", folder.path + "/out")
        #expect(result.status == 1)
        #expect(
            result.errorOutput
                == "error: chat 'c1' has a file 'notes' and a file 'notes/today.md' under a folder of that name, "
                + "so they cannot both be exported; nothing was written\n")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }
}
