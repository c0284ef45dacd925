import Foundation

/// One measured figure set: a scenario on one system or one bound.
struct ResultRow: Codable {
    var scenario: String
    /// `store`, a baseline (`inline-default`, `inline-wal`, `plain-files`) or a bound (`bound: …`).
    var system: String
    /// The unit of one operation, for the latency columns: a file, a batch, a list.
    var operation: String
    var operations = 0
    var files = 0
    /// Uncompressed content bytes moved.
    var bytes: Int64 = 0
    var seconds = 0.0
    var operationsPerSecond: Double?
    var filesPerSecond: Double?
    /// Uncompressed content, in 10^6 bytes per second.
    var megabytesPerSecond: Double?
    var p50Milliseconds: Double?
    var p99Milliseconds: Double?
    /// Bytes on disk after the scenario, beside the logical bytes written, where that is meaningful.
    var storedBytes: Int64?
    var logicalBytes: Int64?
    /// VmHWM of the process that ran the scenario. For in-process scenarios it is the process's peak so
    /// far, which includes the corpus held in memory.
    var peakRSSKiB: Int?
    /// The store's figure divided by this row's, on MB/s where both have it, else operations per second.
    var storeRatio: Double?
    var note: String?
    var error: String?

    init(scenario: String, system: String, operation: String, timings: Timings? = nil) {
        self.scenario = scenario
        self.system = system
        self.operation = operation
        if let timings { apply(timings) }
    }

    mutating func apply(_ timings: Timings) {
        operations = timings.latencies.count
        files = timings.files
        bytes = timings.bytes
        seconds = timings.seconds
        if seconds > 0 {
            operationsPerSecond = Double(operations) / seconds
            filesPerSecond = Double(files) / seconds
            megabytesPerSecond = bytes > 0 ? Double(bytes) / 1e6 / seconds : nil
        }
        p50Milliseconds = timings.percentile(0.50)
        p99Milliseconds = timings.percentile(0.99)
    }

    /// The figure ratios compare: MB/s where there is content, else operations per second.
    var throughput: Double? { megabytesPerSecond ?? operationsPerSecond }
}

/// A storage comparison after the whole corpus was written.
struct StorageRow: Codable {
    var system: String
    var logicalBytes: Int64
    var storedBytes: Int64
    var allocatedBytes: Int64
    var files: Int
    /// The store's stored bytes divided by this system's.
    var storeRatio: Double?
    var storeAllocatedRatio: Double?
}

/// Ratio and speed of one zlib level on the corpus's distinct contents.
struct LevelRow: Codable {
    var level: Int
    var ratio: Double
    var megabytesPerSecond: Double
}

/// One line of the targets table.
struct TargetRow: Codable {
    var scenario: String
    var target: String
    var measured: String
    var met: Bool?
}

struct Report: Codable {
    var date: String
    var commandLine: String
    var machine: MachineDescription
    var corpus: CorpusSummary
    var results: [ResultRow] = []
    var storage: [StorageRow] = []
    var levels: [LevelRow] = []
    var targets: [TargetRow] = []

    struct CorpusSummary: Codable {
        var source: String
        var files: Int
        var uniqueFiles: Int
        var logicalBytes: Int64
        var uniqueBytes: Int64
        var filesPerKind: [String: Int]
    }

    /// Fills in each baseline and bound row's ratio to the store row of the same scenario.
    mutating func computeRatios() {
        for index in results.indices where results[index].system != "store" {
            let row = results[index]
            guard let store = results.first(where: { $0.scenario == row.scenario && $0.system == "store" }),
                let storeFigure = row.megabytesPerSecond != nil ? store.megabytesPerSecond : store.operationsPerSecond,
                let figure = row.throughput, figure > 0
            else { continue }
            results[index].storeRatio = storeFigure / figure
        }
        if let store = storage.first(where: { $0.system == "store" }) {
            for index in storage.indices where storage[index].system != "store" && storage[index].storedBytes > 0 {
                storage[index].storeRatio = Double(store.storedBytes) / Double(storage[index].storedBytes)
                storage[index].storeAllocatedRatio =
                    Double(store.allocatedBytes) / Double(storage[index].allocatedBytes)
            }
        }
    }

    func writeJSON(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }

    // MARK: Text output

    func printTables() {
        print("")
        print("ChatFiles benchmark, \(date)")
        print("machine: \(machine.summary)")
        print("command: \(commandLine)")
        print(
            "corpus: \(corpus.source); \(corpus.files) files (\(corpus.uniqueFiles) distinct), "
                + "\(megabytes(corpus.logicalBytes)) MB logical, \(megabytes(corpus.uniqueBytes)) MB distinct")
        print("")
        let header = [
            "scenario", "system", "operation", "ops/s", "files/s", "MB/s", "p50 ms", "p99 ms", "stored/logical",
            "peak RSS MiB", "store ÷ this",
        ]
        var lines: [[String]] = []
        for row in results {
            if let error = row.error {
                lines.append([row.scenario, row.system, "failed: \(error)"])
                continue
            }
            lines.append([
                row.scenario, row.system, row.operation, figure(row.operationsPerSecond), figure(row.filesPerSecond),
                figure(row.megabytesPerSecond), figure(row.p50Milliseconds, decimals: 3),
                figure(row.p99Milliseconds, decimals: 3), storedRatio(row),
                figure(row.peakRSSKiB.map { Double($0) / 1024 }),
                row.storeRatio.map { String(format: "%.2f×", $0) } ?? "",
            ])
        }
        printTable(header: header, lines: lines, rightAligned: Set(3..<header.count))
        print("")
        print("Peak RSS: large rows ran in a child process each; other rows show this process's peak so far,")
        print("which includes the corpus in memory.")

        if !storage.isEmpty {
            print("")
            print("Storage after the whole corpus was written (connections closed, so no WAL remains):")
            printTable(
                header: ["system", "logical MB", "stored MB", "allocated MB", "files", "store ÷ this", "allocated ÷"],
                lines: storage.map { row in
                    [
                        row.system, megabytes(row.logicalBytes), megabytes(row.storedBytes),
                        megabytes(row.allocatedBytes), "\(row.files)",
                        row.storeRatio.map { String(format: "%.3f×", $0) } ?? "",
                        row.storeAllocatedRatio.map { String(format: "%.3f×", $0) } ?? "",
                    ]
                }, rightAligned: Set(1..<7))
        }
        if !levels.isEmpty {
            print("")
            print("zlib levels on the corpus's distinct contents (one thread, in memory):")
            printTable(
                header: ["level", "ratio", "MB/s"],
                lines: levels.map { ["\($0.level)", String(format: "%.3f", $0.ratio), figure($0.megabytesPerSecond)] },
                rightAligned: [0, 1, 2])
        }
        if !targets.isEmpty {
            print("")
            print("Targets:")
            printTable(
                header: ["scenario", "target", "measured", "verdict"],
                lines: targets.map { row in
                    [row.scenario, row.target, row.measured, row.met.map { $0 ? "met" : "MISSED" } ?? "not run"]
                }, rightAligned: [])
        }
    }

    private func storedRatio(_ row: ResultRow) -> String {
        guard let stored = row.storedBytes, let logical = row.logicalBytes, logical > 0 else { return "" }
        return String(format: "%.3f", Double(stored) / Double(logical))
    }
}

func megabytes(_ bytes: Int64) -> String {
    String(format: "%.1f", Double(bytes) / 1e6)
}

/// Formats a figure with three significant digits, or with `decimals` decimals when given.
func figure(_ value: Double?, decimals: Int? = nil) -> String {
    guard let value else { return "" }
    if let decimals { return String(format: "%.\(decimals)f", value) }
    if value >= 100 { return String(format: "%.0f", value) }
    if value >= 10 { return String(format: "%.1f", value) }
    return String(format: "%.2f", value)
}

func printTable(header: [String], lines: [[String]], rightAligned: Set<Int>) {
    var widths = header.map(\.count)
    for line in lines where line.count == header.count {
        for (index, cell) in line.enumerated() {
            widths[index] = max(widths[index], cell.count)
        }
    }
    func render(_ cells: [String]) -> String {
        if cells.count < header.count {
            // A failed row: the message runs across the remaining columns.
            let lead = cells.prefix(2).enumerated().map {
                $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0)
            }
            return (lead + cells.dropFirst(2)).joined(separator: "  ")
        }
        return cells.enumerated().map { index, cell in
            let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
            return rightAligned.contains(index) ? padding + cell : cell + padding
        }.joined(separator: "  ")
    }
    print(render(header))
    print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    for line in lines {
        print(render(line))
    }
}
