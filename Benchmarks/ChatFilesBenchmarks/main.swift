// chatfiles-bench: measures the store against hashing and zlib bounds and against two baselines,
// content inline in SQLite and plain files. BENCHMARKS.md describes the scenarios and the figures.
//
//   chatfiles-bench [--quick] [--scenario NAME]... [--files N] [--corpus DIR] [--level N] [--threads N]
//                   [--json PATH]
//   chatfiles-bench --child large ROLE ARGUMENTS...   one direction of the large scenario (internal)
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--child" {
    guard arguments.count >= 2, arguments[1] == "large" else {
        FileHandle.standardError.write(
            Data("chatfiles-bench: unknown child: \(arguments.joined(separator: " "))\n".utf8))
        exit(2)
    }
    exit(runLargeChild(Array(arguments.dropFirst(2))))
}

do {
    let options = try Options(arguments: arguments)
    // The program's name without its folder, so that reports name no path of the machine they ran on.
    let program = URL(fileURLWithPath: CommandLine.arguments[0]).lastPathComponent
    let commandLine = ([program] + arguments).joined(separator: " ")
    try BenchmarkRun(options: options, commandLine: commandLine).run()
} catch {
    FileHandle.standardError.write(Data("chatfiles-bench: \(error)\n".utf8))
    exit(1)
}
