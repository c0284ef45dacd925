import Foundation
import Testing

/// The result of one run of the `chatfiles` executable.
struct ToolResult {
    let status: Int32
    let output: String
    let errorOutput: String

    /// Standard error as lines, without the empty string after the final newline.
    var errorLines: [String] {
        errorOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}

/// Returns the folder of the built products of this test run. On Linux the test runner is itself a
/// product there (`<package>PackageTests.xctest`), beside the `chatfiles` executable.
func builtProductsDirectory() -> String {
    let runner =
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: runner).deletingLastPathComponent().path
}

var toolPath: String { builtProductsDirectory() + "/chatfiles" }

/// A temporary folder for one test, removed when the value is released.
final class TemporaryFolder: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/chatfiles-cli-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A store path inside the folder; the store itself is created by the commands.
    var store: String { path + "/store" }

    @discardableResult
    func write(_ relativePath: String, _ text: String) throws -> String {
        let fullPath = path + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (fullPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: fullPath))
        return fullPath
    }

    /// Runs `chatfiles --store <store> ARGUMENTS` in this folder.
    func chatfiles(_ arguments: String...) throws -> ToolResult {
        try chatfiles(arguments)
    }

    func chatfiles(_ arguments: [String]) throws -> ToolResult {
        try runProcess(toolPath, ["--store", store] + arguments, in: path)
    }
}

/// Runs a program with standard output and standard error sent to files, so that a large output on
/// either cannot block the other, and returns both with the exit status.
///
/// The environment is the test's, without `CHATFILES_STORE`, plus `environment`.
func runProcess(
    _ executable: String, _ arguments: [String], input: String? = nil, environment: [String: String] = [:],
    in directory: String
) throws -> ToolResult {
    let capture = FileManager.default.temporaryDirectory.path + "/chatfiles-cli-capture-" + UUID().uuidString
    try Data().write(to: URL(fileURLWithPath: capture + ".out"))
    try Data().write(to: URL(fileURLWithPath: capture + ".err"))
    try Data((input ?? "").utf8).write(to: URL(fileURLWithPath: capture + ".in"))
    defer {
        for suffix in [".out", ".err", ".in"] {
            try? FileManager.default.removeItem(atPath: capture + suffix)
        }
    }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var processEnvironment = ProcessInfo.processInfo.environment
    processEnvironment["CHATFILES_STORE"] = nil
    processEnvironment.merge(environment) { _, new in new }
    process.environment = processEnvironment
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: capture + ".out"))
    let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: capture + ".err"))
    let inputHandle = try FileHandle(forReadingFrom: URL(fileURLWithPath: capture + ".in"))
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = inputHandle
    try process.run()
    process.waitUntilExit()
    try output.close()
    try errors.close()
    try inputHandle.close()
    return ToolResult(
        status: process.terminationStatus,
        output: try String(contentsOfFile: capture + ".out", encoding: .utf8),
        errorOutput: try String(contentsOfFile: capture + ".err", encoding: .utf8))
}

/// Runs a shell command line with `/bin/sh -c`, for pipelines.
func runShell(_ commandLine: String, in directory: String) throws -> ToolResult {
    try runProcess("/bin/sh", ["-c", commandLine], in: directory)
}

/// Compares text with an expected text and, on a mismatch, names the first differing line.
func expectSameText(
    _ actual: String, _ expected: String, _ label: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual != expected else { return }
    let actualLines = actual.components(separatedBy: "\n")
    let expectedLines = expected.components(separatedBy: "\n")
    let index =
        zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(actualLines.count, expectedLines.count)
    let expectedLine = index < expectedLines.count ? expectedLines[index] : "<end of text>"
    let actualLine = index < actualLines.count ? actualLines[index] : "<end of text>"
    Issue.record(
        """
        \(label) differs first at line \(index + 1):
        - expected: \(expectedLine)
        + actual:   \(actualLine)
        """,
        sourceLocation: sourceLocation)
}
