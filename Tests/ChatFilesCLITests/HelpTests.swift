import Foundation
import Testing

@testable import ChatFilesCLI

/// Compares the help of the tool and of every command with the expected text in `Golden/<name>.txt`.
///
/// After an intended change to help text, run the tests once with `CHATFILES_UPDATE_GOLDEN=1` in the
/// environment to rewrite the files, then review the change with `git diff`.
@Suite struct HelpTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Golden"

    static var pages: [(name: String, arguments: [String])] {
        [("chatfiles", ["--help"])]
            + CommandRegistry.commands.map { ($0.configuration.name, [$0.configuration.name, "--help"]) }
    }

    @Test("help matches the golden text", arguments: pages.map(\.name))
    func matchesGolden(name: String) throws {
        let arguments = try #require(Self.pages.first { $0.name == name }).arguments
        let result = runInProcess(arguments)
        #expect(result.status == .success)
        #expect(result.errorOutput.isEmpty)

        let goldenPath = Self.goldenDirectory + "/\(name).txt"
        if ProcessInfo.processInfo.environment["CHATFILES_UPDATE_GOLDEN"] == "1" {
            try result.output.write(toFile: goldenPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: goldenPath, encoding: .utf8)
        expectSameText(result.output, expected, "help of \(name)")
    }

    @Test("help fits 80 columns without trailing spaces", arguments: pages.map(\.name))
    func layout(name: String) throws {
        let arguments = try #require(Self.pages.first { $0.name == name }).arguments
        for line in runInProcess(arguments).output.split(separator: "\n") {
            #expect(line.count <= 80, "\(name): \(line)")
            #expect(line.last != " ", "\(name): trailing space in '\(line)'")
        }
    }

    @Test func shortHelpFlag() {
        #expect(runInProcess(["-h"]).output == runInProcess(["--help"]).output)
        #expect(runInProcess(["get", "-h"]).output == runInProcess(["get", "--help"]).output)
    }
}
