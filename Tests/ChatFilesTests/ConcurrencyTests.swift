import Foundation
import Synchronization
import Testing

@testable import ChatFiles

@Suite struct ConcurrencyTests {
    @Test("four threads write and read at once") func fourThreads() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let failures = Mutex<[String]>([])
        let shared = Array("shared content written by every thread\n".utf8)

        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            do {
                for index in 0..<150 {
                    let own = Array("thread \(thread) file \(index)\n".utf8)
                    try store.write(
                        chatID: "chat-\(thread)", userID: "u\(thread)", filename: "f\(index).txt", content: own)
                    try store.write(
                        chatID: "chat-\(thread)", userID: "u\(thread)", filename: "shared-\(index % 10).txt",
                        content: shared)
                    if try store.read(chatID: "chat-\(thread)", filename: "f\(index).txt") != own {
                        failures.withLock { $0.append("thread \(thread) read other bytes for f\(index)") }
                    }
                    if index % 25 == 0 {
                        try store.delete(chatID: "chat-\(thread)", filename: "f\(index).txt")
                    }
                }
            } catch {
                failures.withLock { $0.append("thread \(thread): \(error)") }
            }
        }

        #expect(failures.withLock { $0 } == [])
        for thread in 0..<4 {
            let files = try store.files(inChat: "chat-\(thread)")
            #expect(files.count == 150 - 6 + 10)
        }
        #expect(try store.statistics().blobs == 4 * (150 - 6) + 1)
        try temporary.expectNoDanglingRows()
    }

    @Test("two processes write and read at once") func twoProcesses() throws {
        let temporary = try TemporaryStore()
        let count = 300
        let results = Mutex<[(chat: String, output: String, status: Int32, errors: String)]>([])

        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            let chat = "process-\(worker)"
            do {
                let result = try run(workerPath, ["write-loop", temporary.path, chat, "\(count)"])
                results.withLock {
                    $0.append((chat, String(decoding: result.output, as: UTF8.self), result.status, result.errors))
                }
            } catch {
                results.withLock { $0.append((chat, "", -1, "\(error)")) }
            }
        }

        for result in results.withLock({ $0 }) {
            #expect(result.status == 0, "\(result.chat): \(result.errors)")
            #expect(!result.errors.contains("locked"))
            // Each line is "ack NAME SHA256"; the last acknowledgement of a name is its current content.
            var last: [String: String] = [:]
            let lines = result.output.split(separator: "\n")
            #expect(lines.count == count)
            for line in lines {
                let parts = line.split(separator: " ")
                last[String(parts[1])] = String(parts[2])
            }
            for (name, digest) in last {
                let file = try #require(try temporary.store.file(chatID: result.chat, filename: name))
                #expect(file.blob.hex == digest)
                _ = try temporary.store.read(chatID: result.chat, filename: name)
            }
        }
        try temporary.expectNoDanglingRows()
    }
}
