import Foundation
import Testing

@testable import ChatFiles

/// Kills a writer process with SIGKILL at random moments and checks, after each kill, that the store
/// contains every acknowledged write and nothing half-done.
///
/// The `crash-writer` worker runs random writes (new and stored content, from memory and streamed
/// from a file), batches, deletes, chat deletes and collections with no grace period on 40 files,
/// announcing each operation before it starts and acknowledging it after it returns. After each kill
/// the test reopens the store and checks that `verify()` finds no problem, that every row reads back
/// with its content hash, and that every file is in its last acknowledged state, or, for the operation
/// in flight, in its announced state, all of its files or none. One store carries over all points.
///
/// A kill with SIGKILL keeps the page cache, so this covers crashes of the process, not power loss,
/// which `OrderingTests` covers through the recorded order of fsync and commit.
///
/// `CHATFILES_CRASH_POINTS` sets the number of kills (200 by default; the long run uses 10,000) and
/// `CHATFILES_CRASH_SEED` the seed that chooses the workers' operations and the kill delays.
@Suite struct CrashTests {
    static let environment = ProcessInfo.processInfo.environment
    static let points = Int(environment["CHATFILES_CRASH_POINTS"] ?? "") ?? 200
    static let seed = UInt64(environment["CHATFILES_CRASH_SEED"] ?? "") ?? 20_261_204

    /// Counts for the summary line.
    struct Summary {
        var points = 0
        var acknowledged = 0
        var inFlight: [String: Int] = [:]
        var killedWhileOpening = 0
        var filesAtEnd = 0
    }

    @Test("kill -9 keeps acknowledged state") func randomKills() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let storePath = directory + "/store"
        var random = SeededGenerator(seed: Self.seed)
        var model = CrashModel()
        var summary = Summary()
        let clock = ContinuousClock()
        let start = clock.now

        for point in 0..<Self.points {
            let workerSeed = random.next()
            // One kill in twelve lands while the worker opens the store. The others come 2 to 60 ms
            // after it reported that the store is open, while it runs operations, or for one in six
            // up to 400 ms, so that the store also changes by several operations between two kills.
            let killsWhileOpening = random.next() % 12 == 0
            let delay =
                killsWhileOpening
                ? random.next() % 40 : random.next() % 6 == 0 ? 60 + random.next() % 341 : 2 + random.next() % 59
            let run = try runWorker(
                store: storePath, seed: workerSeed, directory: directory, waitsForReady: !killsWhileOpening,
                delayMilliseconds: delay)
            let context = "point \(point) (worker seed \(workerSeed), kill after \(delay) ms)"
            guard run.wasKilled else {
                Issue.record("\(context): the worker exited with \(run.status) before the kill: \(run.errors)")
                return
            }

            let replay = model.replay(run.output)
            let observed = try observeStore(at: storePath)
            var failures = replay.errors + observed.problems
            failures += model.differences(from: observed.files, inFlight: replay.inFlight)
            if !failures.isEmpty {
                let lastLines = run.output.split(separator: "\n").suffix(4).map { String($0.prefix(300)) }
                Issue.record(
                    "\(context): \(failures.joined(separator: "; ")); last lines of the worker: \(lastLines)")
                return
            }
            model.adopt(observed.files)

            summary.points += 1
            summary.acknowledged += replay.acknowledged
            if let operation = replay.inFlight {
                summary.inFlight[operation.kind, default: 0] += 1
            }
            if !run.output.hasPrefix("ready\n") {
                summary.killedWhileOpening += 1
            }
            summary.filesAtEnd = observed.files.count
        }

        let inFlight = summary.inFlight.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        print(
            "crash test: \(summary.points) kill points in \(clock.now - start), "
                + "\(summary.acknowledged) operations acknowledged, "
                + "\(summary.inFlight.values.reduce(0, +)) in flight at the kill (\(inFlight.joined(separator: ", "))), "
                + "\(summary.killedWhileOpening) kills before the store was open, "
                + "\(summary.filesAtEnd) files at the end")
        #expect(summary.points == Self.points)
        #expect(summary.acknowledged > Self.points / 2, "too few operations ran between the kills")
        #expect(summary.inFlight.values.reduce(0, +) > Self.points / 4, "too few kills hit an operation")
    }

    /// The output of one worker run.
    struct WorkerRun {
        var output: String
        var errors: String
        var wasKilled: Bool
        var status: Int32
    }

    /// Starts a crash writer, kills it with SIGKILL after the delay, and returns what it printed.
    func runWorker(
        store: String, seed: UInt64, directory: String, waitsForReady: Bool, delayMilliseconds: UInt64
    ) throws -> WorkerRun {
        let outputPath = directory + "/worker.out"
        let errorsPath = directory + "/worker.err"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: workerPath)
        process.arguments = ["crash-writer", store, String(seed)]
        process.standardOutput = try truncatedFile(outputPath)
        process.standardError = try truncatedFile(errorsPath)
        try process.run()

        if waitsForReady {
            let deadline = Date().addingTimeInterval(20)
            while process.isRunning && Date() < deadline {
                if let output = FileManager.default.contents(atPath: outputPath),
                    output.starts(with: Array("ready\n".utf8))
                {
                    break
                }
                usleep(500)
            }
        }
        usleep(UInt32(delayMilliseconds * 1000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let output = String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self)
        let errors = String(decoding: FileManager.default.contents(atPath: errorsPath) ?? Data(), as: UTF8.self)
        let wasKilled = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
        return WorkerRun(output: output, errors: errors, wasKilled: wasKilled, status: process.terminationStatus)
    }

    func truncatedFile(_ path: String) throws -> FileHandle {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw ChatFilesError(.io, "creating '\(path)' failed (errno \(errno))")
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Opens the store as a process would after the crash, and returns its files with any problem found:
    /// what `verify()` reports, and every row that does not read back with its content hash.
    func observeStore(at path: String) throws -> (files: [CrashFileKey: String], problems: [String]) {
        let store = try ChatFileStore(path: path)
        var problems = try store.verify().problems.map { "verify: \($0.message)" }
        var files: [CrashFileKey: String] = [:]
        for chat in try store.allChats() {
            for file in try store.files(inChat: chat.summary.chatID) {
                files[CrashFileKey(chatID: file.chatID, filename: file.filename)] = file.blob.hex
                do {
                    let content = try store.read(chatID: file.chatID, filename: file.filename)
                    if SHA256Hasher.hash(content) != file.blob {
                        problems.append("\(file.chatID)/\(file.filename) reads back other content than its blob")
                    }
                } catch {
                    problems.append("\(file.chatID)/\(file.filename) does not read back: \(error)")
                }
            }
        }
        return (files, problems)
    }
}
