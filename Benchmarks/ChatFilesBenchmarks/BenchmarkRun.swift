import BlobStore
import Foundation

/// One run of the benchmark: build the corpus, run the chosen scenarios, print and save the report.
struct BenchmarkRun {
    let options: Options
    let commandLine: String

    func run() throws {
        let workFolder = try makeWorkFolder()
        defer { try? FileManager.default.removeItem(atPath: workFolder) }

        log("building the corpus")
        let corpus: Corpus
        if let folder = options.corpusFolder {
            corpus = try Corpus.load(folder: folder, limit: options.fileCount)
        } else {
            corpus = Corpus.generate(
                count: options.corpusFiles, seed: options.seed, incompressibleShare: options.incompressiblePercent / 100
            )
        }
        var report = Report(
            date: ISO8601DateFormatter().string(from: Date()), commandLine: commandLine,
            machine: .current(workFolder: workFolder),
            corpus: Report.CorpusSummary(
                source: corpus.source, files: corpus.files.count, uniqueFiles: corpus.uniqueIndexes.count,
                logicalBytes: corpus.logicalBytes, uniqueBytes: corpus.uniqueBytes,
                filesPerKind: Dictionary(grouping: corpus.files, by: \.kind.rawValue).mapValues(\.count)))

        let corpusScenarios = Options.allScenarios.filter { !["large", "levels", "gc"].contains($0) }
        if corpusScenarios.contains(where: options.runs) {
            let scenarios = CorpusScenarios(options: options, corpus: corpus, workFolder: workFolder)
            scenarios.run()
            report.results += scenarios.rows
            report.storage = scenarios.storage
        }
        if options.runs("large") {
            report.results += LargeScenario(options: options, workFolder: workFolder).run()
        }
        if options.runs("gc") {
            log("gc")
            report.results += CollectionScenario(options: options, workFolder: workFolder).run()
        }
        if options.runs("levels") {
            log("levels")
            report.levels = try measureLevels(corpus.uniqueFiles.map(\.content))
        }
        report.computeRatios()
        report.targets = targets(report)
        report.printTables()
        if let path = options.jsonPath {
            try report.writeJSON(to: path)
            print("\nJSON report written to \(path)")
        }
    }

    private func log(_ text: String) {
        FileHandle.standardError.write(Data("chatfiles-bench: \(text)\n".utf8))
    }

    /// Creates a new folder under the system's temporary folder (`TMPDIR`), which the run removes when it ends.
    private func makeWorkFolder() throws -> String {
        var template = Array((FileManager.default.temporaryDirectory.path + "/chatfiles-bench-XXXXXX").utf8CString)
        guard let result = mkdtemp(&template) else {
            throw BenchmarkError("cannot create a temporary folder: errno \(errno)")
        }
        return String(cString: result)
    }

    /// Compresses the distinct contents at each level through the store's `Deflater`, on one thread.
    private func measureLevels(_ contents: [[UInt8]]) throws -> [LevelRow] {
        try options.levels.map { level in
            let bounds = try CodecBounds(level: level)
            var compressed: Int64 = 0
            let timings = try medianRun(options.boundRuns) {
                let result = try bounds.deflate(contents, alsoHash: false)
                compressed = result.compressedBytes
                return result.timings
            }
            return LevelRow(
                level: level, ratio: Double(compressed) / Double(max(timings.bytes, 1)),
                megabytesPerSecond: Double(timings.bytes) / 1e6 / timings.seconds)
        }
    }

    // MARK: Targets

    private func targets(_ report: Report) -> [TargetRow] {
        func row(_ scenario: String, _ system: String) -> ResultRow? {
            report.results.first { $0.scenario == scenario && $0.system.hasPrefix(system) && $0.error == nil }
        }
        func ratio(_ numerator: Double?, _ denominator: Double?) -> Double? {
            guard let numerator, let denominator, denominator > 0 else { return nil }
            return numerator / denominator
        }
        func target(_ scenario: String, _ text: String, _ value: Double?, _ format: String, _ met: (Double) -> Bool)
            -> TargetRow
        {
            TargetRow(
                scenario: scenario, target: text, measured: value.map { String(format: format, $0) } ?? "n/a",
                met: value.map(met))
        }
        let level = "L\(options.level)"
        let store = { (scenario: String) in row(scenario, "store") }
        var rows: [TargetRow] = []
        rows.append(
            target(
                "write-new, batched", "≥ 0.8× the sha256+deflate bound",
                ratio(
                    store("write-new")?.megabytesPerSecond,
                    row("write-new", "bound: sha256+deflate \(level)")?.megabytesPerSecond), "%.2f×"
            ) { $0 >= 0.8 })
        rows.append(
            target(
                "write-parallel, \(options.threads) threads", "≥ 1.6× write-new batched",
                ratio(store("write-parallel")?.megabytesPerSecond, store("write-new")?.megabytesPerSecond), "%.2f×"
            ) { $0 >= 1.6 })
        rows.append(
            target(
                "write-duplicate, ≤ 64 KiB", "≥ 50,000 files/s", store("write-duplicate")?.filesPerSecond,
                "%.0f files/s"
            ) { $0 >= 50_000 })
        rows.append(
            target(
                "write-new-single", "≥ 2× inline-default",
                ratio(
                    store("write-new-single")?.filesPerSecond, row("write-new-single", "inline-default")?.filesPerSecond
                ),
                "%.2f×"
            ) { $0 >= 2 })
        rows.append(
            target(
                "read", "≥ 0.85× the inflate+sha256 bound",
                ratio(store("read")?.megabytesPerSecond, row("read", "bound: inflate+sha256")?.megabytesPerSecond),
                "%.2f×"
            ) { $0 >= 0.85 })
        rows.append(
            target("list, 100 files", "≥ 20,000 lists/s", store("list")?.operationsPerSecond, "%.0f lists/s") {
                $0 >= 20_000
            })
        let size = "\(options.largeBytes >> 20) MiB"
        let peaks = [store("large-write")?.peakRSSKiB, store("large-read")?.peakRSSKiB]
        let largestPeak = peaks.contains { $0 == nil } ? nil : peaks.compactMap { $0 }.max().map { Double($0) / 1024 }
        rows.append(
            target("large, \(size)", "peak RSS ≤ 32 MiB both ways", largestPeak, "%.1f MiB at most") { $0 <= 32 })
        rows.append(
            target(
                "large write, \(size)", "≥ 0.9× the streaming bound",
                ratio(store("large-write")?.megabytesPerSecond, row("large-write", "bound")?.megabytesPerSecond),
                "%.2f×"
            ) { $0 >= 0.9 })
        rows.append(
            target(
                "large read, \(size)", "≥ 0.9× the streaming bound",
                ratio(store("large-read")?.megabytesPerSecond, row("large-read", "bound")?.megabytesPerSecond), "%.2f×"
            ) { $0 >= 0.9 })
        let storedStore = report.storage.first { $0.system == "store" }
        let storedInline = report.storage.first { $0.system == "inline-default" }
        rows.append(
            target(
                "stored bytes", "≤ 0.25× the inline database",
                ratio(storedStore.map { Double($0.storedBytes) }, storedInline.map { Double($0.storedBytes) }),
                "%.3f×"
            ) { $0 <= 0.25 })
        return rows
    }
}
