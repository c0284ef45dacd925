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
    try BenchmarkRun(options: options, commandLine: CommandLine.arguments.joined(separator: " ")).run()
} catch {
    FileHandle.standardError.write(Data("chatfiles-bench: \(error)\n".utf8))
    exit(1)
}
