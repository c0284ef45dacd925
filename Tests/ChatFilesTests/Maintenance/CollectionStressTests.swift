import Foundation
import Testing

@testable import ChatFiles

/// Real processes race a collection with no grace period against writers that delete files and
/// write the same content again: the case where a writer finds the blob already stored, skips writing
/// it, and a collection removes it before the writer's row commits.
@Suite struct CollectionStressTests {
    static let seconds = ProcessInfo.processInfo.environment["CHATFILES_STRESS_SECONDS"] ?? "30"

    /// The outcome of one stress run.
    struct Outcome {
        var workerFailures: [String] = []
        var report: VerifyReport
        var wrongReads: [String] = []
        var collections: String
    }

    /// Starts the four worker processes, waits for them, then checks the store.
    func runStress(in temporary: TemporaryStore, skipsPresenceCheck: Bool) throws -> Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["CHATFILES_TEST_SKIP_PRESENCE_CHECK"] = skipsPresenceCheck ? "1" : "0"
        let roles: [(chat: String, arguments: [String])] = [
            ("churn-a", ["churn", temporary.path, "churn-a", Self.seconds]),
            ("churn-b", ["churn", temporary.path, "churn-b", Self.seconds]),
            ("fresh", ["fresh", temporary.path, "fresh", Self.seconds]),
            ("gc", ["gc-loop", temporary.path, Self.seconds]),
        ]
        var running: [(chat: String, process: Process, output: String, errors: String)] = []
        for role in roles {
            let output = temporary.directory + "/\(role.chat).out"
            let errors = temporary.directory + "/\(role.chat).err"
            _ = FileManager.default.createFile(atPath: output, contents: nil)
            _ = FileManager.default.createFile(atPath: errors, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: workerPath)
            process.arguments = role.arguments
            process.environment = environment
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
            try process.run()
            running.append((role.chat, process, output, errors))
        }

        var failures: [String] = []
        var lastAcknowledged: [String: [String: String]] = [:]
        var collections = ""
        for worker in running {
            worker.process.waitUntilExit()
            let errors = try String(contentsOfFile: worker.errors, encoding: .utf8)
            if worker.process.terminationStatus != 0 {
                failures.append("\(worker.chat) exited with \(worker.process.terminationStatus): \(errors)")
            }
            let output = try String(contentsOfFile: worker.output, encoding: .utf8)
            for line in output.split(separator: "\n") {
                let parts = line.split(separator: " ").map(String.init)
                switch parts.first {
                case "ack": lastAcknowledged[worker.chat, default: [:]][parts[1]] = parts[2]
                case "del": lastAcknowledged[worker.chat, default: [:]][parts[1]] = "deleted"
                case "collections": collections = String(line)
                default: break
                }
            }
        }

        var wrongReads: [String] = []
        for (chat, files) in lastAcknowledged {
            for (name, digest) in files {
                let file = try temporary.store.file(chatID: chat, filename: name)
                if digest == "deleted" {
                    if file != nil { wrongReads.append("\(chat)/\(name) exists after its delete") }
                    continue
                }
                do {
                    let content = try temporary.store.read(chatID: chat, filename: name)
                    if SHA256Hasher.hash(content).hex != digest {
                        wrongReads.append("\(chat)/\(name) has other content")
                    }
                } catch {
                    wrongReads.append("\(chat)/\(name): \(error)")
                }
            }
        }
        return Outcome(
            workerFailures: failures, report: try temporary.store.verify(), wrongReads: wrongReads,
            collections: collections)
    }

    @Test("writers and collector race safely") func raceIsSafe() throws {
        let temporary = try TemporaryStore()
        let outcome = try runStress(in: temporary, skipsPresenceCheck: false)

        #expect(outcome.workerFailures == [])
        #expect(outcome.report.problems == [], "\(outcome.report.problems.map(\.message))")
        #expect(outcome.wrongReads == [])
        #expect(outcome.collections.hasPrefix("collections"), "the collector did not report")
        let removed = Int(outcome.collections.split(separator: " ").last ?? "") ?? 0
        #expect(removed > 0, "the collector removed nothing, so the race was not exercised: \(outcome.collections)")
    }

    /// Shows that the test above can catch the race: with the writers' presence check skipped,
    /// collections remove blobs that writers then reference. Run it with CHATFILES_STRESS_BROKEN=1.
    @Test(
        "race without presence check loses blobs",
        .enabled(if: ProcessInfo.processInfo.environment["CHATFILES_STRESS_BROKEN"] == "1"))
    func raceWithoutCheckFails() throws {
        let temporary = try TemporaryStore()
        let outcome = try runStress(in: temporary, skipsPresenceCheck: true)

        let lost = outcome.report.problems.count + outcome.wrongReads.count + outcome.workerFailures.count
        #expect(lost > 0, "no damage found although the presence check was skipped")
        print(
            "without the presence check: \(outcome.report.problems.count) problems, \(outcome.wrongReads.count) wrong reads"
        )
    }
}
