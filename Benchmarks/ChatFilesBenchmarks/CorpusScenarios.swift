import ChatFiles
import Foundation

/// The scenarios that run on the in-memory corpus, each on the store and on every baseline in turn.
///
/// The corpus scenarios share one folder per system that ends up holding the whole corpus: write-new
/// fills it with the distinct contents, the duplicates follow untimed, and write-duplicate, read, list,
/// update and delete then work on it. write-new-single and write-parallel start from empty folders.
final class CorpusScenarios {
    let options: Options
    let corpus: Corpus
    let workFolder: String
    let systems: [SystemKind]
    private(set) var rows: [ResultRow] = []
    private(set) var storage: [StorageRow] = []
    /// Each system's handle on its corpus folder, once write-new has filled it.
    private var corpusSystems: [String: any ChatFileSystem] = [:]
    private var setupErrors: [String: String] = [:]

    init(options: Options, corpus: Corpus, workFolder: String) {
        self.options = options
        self.corpus = corpus
        self.workFolder = workFolder
        systems = [
            .store(level: options.level, durability: options.durability), .inline(wal: false), .inline(wal: true),
            .plainFiles,
        ]
    }

    func run() {
        let needsCorpusFolders = ["write-duplicate", "read", "list", "update", "delete"].contains(where: options.runs)
        if options.runs("write-new") || needsCorpusFolders {
            writeNew(timed: options.runs("write-new"))
            loadDuplicates()
        }
        if options.runs("write-duplicate") { writeDuplicate() }
        if options.runs("write-new-single") { writeNewSingle() }
        if options.runs("write-parallel") { writeParallel() }
        if options.runs("read") { read() }
        if options.runs("list") { list() }
        if options.runs("update") { update() }
        if options.runs("delete") { delete() }
        corpusSystems.removeAll()
    }

    // MARK: Helpers

    private func folder(_ system: SystemKind, _ purpose: String) throws -> String {
        let path = workFolder + "/\(system.name)-\(purpose)"
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func batches(_ files: [CorpusFile]) -> [ArraySlice<CorpusFile>] {
        stride(from: 0, to: files.count, by: options.batchSize).map {
            files[$0..<min($0 + options.batchSize, files.count)]
        }
    }

    private var batchOperation: String { "batch of \(options.batchSize) files" }

    private let started = nowNanoseconds()

    private func progress(_ text: String) {
        let elapsed = Double(nowNanoseconds() - started) / 1e9
        FileHandle.standardError.write(Data(String(format: "  %6.1f s  %@\n", elapsed, text).utf8))
    }

    /// Runs `body` on each system's corpus folder and records one row per system.
    private func onCorpusSystems(
        _ scenario: String, operation: String, _ body: (SystemKind, any ChatFileSystem) throws -> Timings
    ) {
        progress(scenario)
        for system in systems {
            var row = ResultRow(scenario: scenario, system: system.name, operation: operation)
            if let handle = corpusSystems[system.name] {
                do {
                    row.apply(try body(system, handle))
                } catch {
                    row.error = "\(error)"
                }
            } else {
                row.error = "no corpus folder: \(setupErrors[system.name] ?? "setup did not run")"
            }
            row.peakRSSKiB = peakResidentKiB()
            rows.append(row)
        }
    }

    /// Closes the handle so that SQLite checkpoints and removes its WAL, measures the folder, reopens.
    /// The caller must hold no other reference to the handle.
    private func measureCorpusFolder(_ system: SystemKind) throws -> Footprint {
        corpusSystems[system.name] = nil
        let folder = workFolder + "/\(system.name)-corpus"
        let footprint = Footprint(folder: folder)
        corpusSystems[system.name] = try system.open(folder)
        return footprint
    }

    // MARK: Bounds

    private func addCodecBounds(scenario: String, contents: [[UInt8]], forReads: Bool) {
        do {
            let bounds = try CodecBounds(level: options.level)
            let level = "L\(options.level)"
            if forReads {
                let compressed = try contents.map(bounds.compress)
                let sizes = contents.map { Int64($0.count) }
                let inflate = try medianRun(options.boundRuns) {
                    try bounds.inflate(compressed, sizes: sizes, alsoHash: false)
                }
                let both = try medianRun(options.boundRuns) {
                    try bounds.inflate(compressed, sizes: sizes, alsoHash: true)
                }
                rows.append(
                    ResultRow(scenario: scenario, system: "bound: inflate", operation: "file", timings: inflate))
                rows.append(
                    ResultRow(scenario: scenario, system: "bound: inflate+sha256", operation: "file", timings: both))
            } else {
                let hash = medianRun(options.boundRuns) { bounds.hash(contents) }
                var compressedBytes: Int64 = 0
                let deflate = try medianRun(options.boundRuns) {
                    let result = try bounds.deflate(contents, alsoHash: false)
                    compressedBytes = result.compressedBytes
                    return result.timings
                }
                let both = try medianRun(options.boundRuns) { try bounds.deflate(contents, alsoHash: true).timings }
                rows.append(ResultRow(scenario: scenario, system: "bound: sha256", operation: "file", timings: hash))
                var deflateRow = ResultRow(
                    scenario: scenario, system: "bound: deflate \(level)", operation: "file", timings: deflate)
                deflateRow.storedBytes = compressedBytes
                deflateRow.logicalBytes = deflate.bytes
                rows.append(deflateRow)
                rows.append(
                    ResultRow(
                        scenario: scenario, system: "bound: sha256+deflate \(level)", operation: "file", timings: both))
            }
        } catch {
            var row = ResultRow(scenario: scenario, system: "bound", operation: "file")
            row.error = "\(error)"
            rows.append(row)
        }
    }

    // MARK: Writes

    private func writeNew(timed: Bool) {
        progress(timed ? "write-new" : "write-new (untimed, to fill the corpus folders)")
        let files = corpus.uniqueFiles
        if timed {
            addCodecBounds(scenario: "write-new", contents: files.map(\.content), forReads: false)
        }
        for system in systems {
            var row = ResultRow(scenario: "write-new", system: system.name, operation: batchOperation)
            do {
                var timings = Timings()
                try {
                    let handle = try system.open(try folder(system, "corpus"))
                    for batch in batches(files) {
                        let elapsed = try measure { try handle.write(batch: batch) }
                        timings.record(elapsed, files: batch.count, bytes: batch.reduce(0) { $0 + $1.size })
                    }
                    corpusSystems[system.name] = handle
                }()
                row.apply(timings)
                row.storedBytes = try measureCorpusFolder(system).bytes
                row.logicalBytes = timings.bytes
            } catch {
                row.error = "\(error)"
                setupErrors[system.name] = "\(error)"
                corpusSystems[system.name] = nil
            }
            row.peakRSSKiB = peakResidentKiB()
            if timed { rows.append(row) }
        }
    }

    /// Writes the corpus's duplicates untimed, then compares what each system takes on disk.
    private func loadDuplicates() {
        let files = corpus.duplicateFiles
        for system in systems where corpusSystems[system.name] != nil {
            do {
                for batch in batches(files) {
                    try corpusSystems[system.name]!.write(batch: batch)
                }
                let footprint = try measureCorpusFolder(system)
                storage.append(
                    StorageRow(
                        system: system.name, logicalBytes: corpus.logicalBytes, storedBytes: footprint.bytes,
                        allocatedBytes: footprint.allocatedBytes, files: footprint.files))
            } catch {
                setupErrors[system.name] = "\(error)"
                corpusSystems[system.name] = nil
            }
        }
    }

    /// Writes the corpus's small files again under new chats: rows that are new, with content that is
    /// already stored.
    private func writeDuplicate() {
        let small = corpus.smallFiles
        guard !small.isEmpty else { return }
        var files: [CorpusFile] = []
        var round = 0
        while files.count < options.duplicateWrites {
            for file in small.prefix(options.duplicateWrites - files.count) {
                files.append(file.copied(toChat: "dup\(round)-\(file.chatID)"))
            }
            round += 1
        }
        onCorpusSystems("write-duplicate", operation: batchOperation) { _, handle in
            var timings = Timings()
            for batch in batches(files) {
                let elapsed = try measure { try handle.write(batch: batch) }
                timings.record(elapsed, files: batch.count, bytes: batch.reduce(0) { $0 + $1.size })
            }
            return timings
        }
    }

    /// One `write` per file, each its own durable commit, into an empty folder.
    private func writeNewSingle() {
        progress("write-new-single")
        let files = Array(corpus.uniqueFiles.prefix(options.singleWrites))
        for system in systems {
            var row = ResultRow(scenario: "write-new-single", system: system.name, operation: "file")
            do {
                let path = try folder(system, "single")
                defer { try? FileManager.default.removeItem(atPath: path) }
                var handle: (any ChatFileSystem)? = try system.open(path)
                var timings = Timings()
                for file in files {
                    let elapsed = try measure { try handle!.write(file) }
                    timings.record(elapsed, files: 1, bytes: file.size)
                }
                handle = nil
                row.apply(timings)
                row.storedBytes = Footprint(folder: path).bytes
                row.logicalBytes = timings.bytes
            } catch {
                row.error = "\(error)"
            }
            row.peakRSSKiB = peakResidentKiB()
            rows.append(row)
        }
    }

    /// `--threads` writers share the distinct contents, batch by batch, in an empty folder.
    private func writeParallel() {
        progress("write-parallel (\(options.threads) threads)")
        let work = batches(corpus.uniqueFiles)
        for system in systems {
            var row = ResultRow(
                scenario: "write-parallel", system: system.name,
                operation: "\(batchOperation), \(options.threads) threads")
            do {
                let path = try folder(system, "parallel")
                defer { try? FileManager.default.removeItem(atPath: path) }
                let opener = try system.openShared(path)
                let next = WorkCounter()
                let results = ThreadResults<Result<Timings, BenchmarkError>>()
                let start = nowNanoseconds()
                runOnThreads(options.threads) { _ in
                    do {
                        let handle = try opener()
                        var timings = Timings()
                        while case let index = next.take(), index < work.count {
                            let batch = work[index]
                            let elapsed = try measure { try handle.write(batch: batch) }
                            timings.record(elapsed, files: batch.count, bytes: batch.reduce(0) { $0 + $1.size })
                        }
                        results.append(.success(timings))
                    } catch {
                        results.append(.failure(BenchmarkError("\(error)")))
                    }
                }
                var timings = Timings()
                timings.wallNanoseconds = nowNanoseconds() - start
                for result in results.all {
                    timings.merge(try result.get())
                }
                row.apply(timings)
            } catch {
                row.error = "\(error)"
            }
            row.peakRSSKiB = peakResidentKiB()
            rows.append(row)
        }
    }

    // MARK: Reads and the rest

    /// Reads corpus files in a seeded random order and checks each against the corpus, untimed.
    private func read() {
        var random = SeededGenerator(seed: options.seed &+ 2)
        var order = Array(corpus.files.indices)
        random.shuffle(&order)
        let files = (0..<options.reads).map { corpus.files[order[$0 % order.count]] }
        progress("read: compressing the files for the inflate bounds")
        addCodecBounds(scenario: "read", contents: files.map(\.content), forReads: true)
        onCorpusSystems("read", operation: "file") { system, handle in
            var timings = Timings()
            for file in files {
                var content: [UInt8] = []
                let elapsed = try measure { content = try handle.read(file) }
                guard content == file.content else {
                    throw BenchmarkError("\(system.name) returned other content for \(file.chatID)/\(file.filename)")
                }
                timings.record(elapsed, files: 1, bytes: file.size)
            }
            return timings
        }
    }

    /// Lists a chat of 100 small files, written untimed first.
    private func list() {
        let chatFiles = corpus.smallFiles.prefix(options.listChatSize).map { file in
            var copy = file.copied(toChat: "list-chat")
            copy.userID = "user-list"
            return copy
        }
        onCorpusSystems("list", operation: "list of \(chatFiles.count) files") { system, handle in
            try handle.write(batch: chatFiles[...])
            var timings = Timings()
            for _ in 0..<options.lists {
                var count = 0
                let elapsed = try measure { count = try handle.list(chatID: "list-chat") }
                guard count == chatFiles.count else {
                    throw BenchmarkError("\(system.name) listed \(count) files, not \(chatFiles.count)")
                }
                timings.record(elapsed, files: count, bytes: 0)
            }
            return timings
        }
    }

    /// Rewrites one `todo.md` again and again, one durable write each, as a chat ticks off its steps.
    private func update() {
        let versions = (0..<options.updates).map { version in
            CorpusFile(
                chatID: "update-chat", userID: "user-update", filename: "todo.md", kind: .markdown,
                content: Array(todoList(version: version).utf8), metadata: #"{"source": "assistant"}"#)
        }
        onCorpusSystems("update", operation: "file") { _, handle in
            var timings = Timings()
            for file in versions {
                let elapsed = try measure { try handle.write(file) }
                timings.record(elapsed, files: 1, bytes: file.size)
            }
            return timings
        }
    }

    /// Deletes a seeded random choice of corpus files, one durable delete each.
    private func delete() {
        var random = SeededGenerator(seed: options.seed &+ 3)
        var order = Array(corpus.files.indices)
        random.shuffle(&order)
        let files = order.prefix(options.deletes).map { corpus.files[$0] }
        onCorpusSystems("delete", operation: "file") { _, handle in
            var timings = Timings()
            for file in files {
                let elapsed = try measure { try handle.delete(file) }
                timings.record(elapsed, files: 1, bytes: 0)
            }
            return timings
        }
    }
}

/// A to-do list after `version` steps: one more step ticked off and one more log line each time.
func todoList(version: Int) -> String {
    let steps = 40
    var text = "# Plan\n\n"
    for step in 0..<steps {
        let done = step < version % (steps + 1)
        text += "- [\(done ? "x" : " ")] Step \(step + 1): load, clean and summarise part \(step + 1) of the data\n"
    }
    text += "\n## Log\n\n"
    for entry in 0...(version % 60) {
        text += "- update \(entry): checked the results of step \(entry % steps + 1) and saved the chart\n"
    }
    return text
}
