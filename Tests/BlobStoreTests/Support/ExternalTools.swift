import Foundation

/// A command-line tool that exited with a non-zero status.
struct ToolFailure: Error, CustomStringConvertible {
    let command: [String]
    let status: Int32
    let standardError: String

    var description: String {
        "\(command.joined(separator: " ")) exited with status \(status): \(standardError)"
    }
}

/// Runs `tool`, found on `PATH`, and returns its standard output.
///
/// The output goes to files rather than pipes, because corelibs Foundation's `readDataToEndOfFile()`
/// stops the process with a fatal error when a signal interrupts its `read` (`EINTR`).
///
/// - Throws: ``ToolFailure`` when the tool exits with a non-zero status.
func runTool(_ tool: String, _ arguments: [String]) throws -> [UInt8] {
    try withTemporaryDirectory { folder in
        let outputPath = folder + "/stdout"
        let errorPath = folder + "/stderr"
        try writeFile(outputPath, [])
        try writeFile(errorPath, [])
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let errorOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer {
            try? output.close()
            try? errorOutput.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.standardOutput = output
        process.standardError = errorOutput
        try process.run()
        process.waitUntilExit()

        guard process.terminationStatus == 0 else {
            throw ToolFailure(
                command: [tool] + arguments, status: process.terminationStatus,
                standardError: String(decoding: try fileBytes(errorPath), as: UTF8.self))
        }
        return try fileBytes(outputPath)
    }
}

/// Returns the hex digest that coreutils' `sha256sum` prints for the file at `path`.
func sha256sum(ofFile path: String) throws -> String {
    let line = String(decoding: try runTool("sha256sum", [path]), as: UTF8.self)
    return String(line.prefix(while: { $0 != " " }))
}

/// Returns the content of the zlib stream in the file at `path`, inflated by Python's `zlib` module.
func pythonInflate(file path: String) throws -> [UInt8] {
    let script = "import sys,zlib;sys.stdout.buffer.write(zlib.decompress(open(sys.argv[1],'rb').read()))"
    return try runTool("python3", ["-c", script, path])
}
