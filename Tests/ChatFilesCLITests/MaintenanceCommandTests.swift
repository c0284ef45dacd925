import Foundation
import Testing

@testable import ChatFilesCLI

/// Runs `chatfiles gc` and `chatfiles verify` as processes on stores in temporary folders.
@Suite struct MaintenanceCommandTests {
    /// Puts files into the store and returns the path of the blob file of `name` in chat `c1`.
    func blobPath(of name: String, in folder: TemporaryFolder) throws -> String {
        let result = try folder.chatfiles("ls", "--chat", "c1", "--json")
        let files = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
        let blob = try #require(files.first { $0["filename"] as? String == name }?["sha256"] as? String)
        return folder.store + "/objects/" + blob.prefix(2) + "/" + blob.dropFirst(2)
    }

    @Test func gcDryRunThenRemove() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.md", "# old\n")
        #expect(try folder.chatfiles("put", "--chat", "c1", "--user", "u1", "a.md").status == 0)
        #expect(try folder.chatfiles("rm", "--chat", "c1", "a.md").status == 0)

        let kept = try folder.chatfiles("gc", "--json")
        #expect(kept.status == 0, "\(kept.errorOutput)")
        let keptReport = try #require(try JSONSerialization.jsonObject(with: Data(kept.output.utf8)) as? [String: Any])
        #expect(keptReport["removed_blobs"] as? Int == 0)
        #expect(keptReport["kept_blobs"] as? Int == 1)

        let preview = try folder.chatfiles("gc", "--grace", "0", "--dry-run")
        #expect(preview.status == 0)
        #expect(preview.output.contains("unused blobs to remove     1"))

        let real = try folder.chatfiles("gc", "--grace", "0s", "--json")
        let realReport = try #require(try JSONSerialization.jsonObject(with: Data(real.output.utf8)) as? [String: Any])
        #expect(realReport["removed_blobs"] as? Int == 1)
        #expect(realReport["dry_run"] as? Bool == false)
        #expect(real.errorOutput.isEmpty)
    }

    @Test func gcRejectsBadDuration() throws {
        let folder = try TemporaryFolder()
        #expect(try folder.chatfiles("init").status == 0)
        for value in ["5x", "-1h", "h", "1.5h", ""] {
            let result = try folder.chatfiles("gc", "--grace", value)
            #expect(result.status == 64, "\(value)")
            #expect(result.errorOutput.contains("--grace"))
            #expect(result.errorOutput.split(separator: "\n").count == 1)
        }
    }

    @Test func verifyReportsDamageAndOrphans() throws {
        let folder = try TemporaryFolder()
        try folder.write("report.csv", String(repeating: "a,b\n", count: 3000))
        try folder.write("notes.md", "# notes\n")
        try folder.write("fine.py", "print('ok')\n")
        for name in ["report.csv", "notes.md", "fine.py"] {
            #expect(try folder.chatfiles("put", "--chat", "c1", "--user", "u1", name).status == 0)
        }
        let flipped = try blobPath(of: "report.csv", in: folder)
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: flipped)))
        bytes[bytes.count / 2] ^= 0x10
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: flipped)
        try Data(bytes).write(to: URL(fileURLWithPath: flipped))
        try FileManager.default.removeItem(atPath: try blobPath(of: "notes.md", in: folder))
        let orphan = folder.store + "/objects/00/" + String(repeating: "0", count: 62)
        try FileManager.default.createDirectory(atPath: folder.store + "/objects/00", withIntermediateDirectories: true)
        try Data([0x78, 0x01, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]).write(to: URL(fileURLWithPath: orphan))

        let text = try folder.chatfiles("verify")
        #expect(text.status == 1)
        #expect(text.output.contains("'report.csv' in chat 'c1'"))
        #expect(text.output.contains("'notes.md' in chat 'c1'"))
        #expect(text.errorOutput.hasPrefix("error: verify found 2 problems"))
        #expect(text.errorOutput.split(separator: "\n").count == 1)

        let json = try folder.chatfiles("verify", "--json")
        #expect(json.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let problems = try #require(report["problems"] as? [[String: Any]])
        #expect(Set(problems.compactMap { $0["kind"] as? String }) == ["corrupt_blob", "missing_blob_file"])
        #expect((report["orphan_files"] as? [String])?.count == 1)
    }

    @Test func verifyAcceptsCrashLeftovers() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", "a\n")
        #expect(try folder.chatfiles("put", "--chat", "c1", "--user", "u1", "a.txt").status == 0)
        try Data("partial".utf8).write(to: URL(fileURLWithPath: folder.store + "/tmp/1-abc.tmp"))

        let result = try folder.chatfiles("verify", "--sample", "50")
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("problems         0"))
        #expect(result.output.contains("temporary files  1"))
    }

    @Test func durationArgumentParses() {
        #expect(DurationArgument.parse(["0"])?.duration == .zero)
        #expect(DurationArgument.parse(["30s"])?.duration == .seconds(30))
        #expect(DurationArgument.parse(["10m"])?.duration == .seconds(600))
        #expect(DurationArgument.parse(["1h"])?.duration == .seconds(3600))
        #expect(DurationArgument.parse(["7d"])?.duration == .seconds(604_800))
        #expect(DurationArgument.parse(["1w"]) == nil)
        #expect(DurationArgument.parse(["99999999999999999d"]) == nil)
        #expect(PercentArgument.parse(["2.5"])?.value == 2.5)
        #expect(PercentArgument.parse(["101"]) == nil)
        #expect(PercentArgument.parse(["nan"]) == nil)
    }
}
