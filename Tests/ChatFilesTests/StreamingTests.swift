import Foundation
import Testing

@testable import ChatFiles

@Suite struct StreamingTests {
    @Test("stream from path and to path") func pathRoundTrip() throws {
        let temporary = try TemporaryStore()
        let content =
            pseudoRandomBytes(count: 3 << 20, seed: 3) + Array(String(repeating: "text\n", count: 100_000).utf8)
        let source = temporary.directory + "/source.bin"
        try Data(content).write(to: URL(fileURLWithPath: source))

        let file = try temporary.store.write(
            FileWrite(chatID: "c1", userID: "u1", filename: "big.bin", content: .file(path: source)))
        #expect(file.size == Int64(content.count))
        #expect(file.blob == SHA256Hasher.hash(content))

        let target = temporary.directory + "/copy.bin"
        try temporary.store.read(chatID: "c1", filename: "big.bin", toFile: target)
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data(content))
        #expect(try temporary.temporaryFiles().isEmpty)
    }

    @Test("stream from and to file descriptors") func descriptorRoundTrip() throws {
        let temporary = try TemporaryStore()
        let content = Array(String(repeating: "{\"event\": \"step\", \"ok\": true}\n", count: 50_000).utf8)
        let source = temporary.directory + "/events.jsonl"
        try Data(content).write(to: URL(fileURLWithPath: source))
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: source))
        defer { try? input.close() }

        try temporary.store.write(
            FileWrite(
                chatID: "c1", userID: "u1", filename: "events.jsonl", content: .fileDescriptor(input.fileDescriptor)))

        let target = temporary.directory + "/out.jsonl"
        _ = FileManager.default.createFile(atPath: target, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: target))
        try temporary.store.read(chatID: "c1", filename: "events.jsonl", to: output.fileDescriptor)
        try output.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == Data(content))
    }

    /// Streams a generated 1 GiB CSV in and out through worker processes and checks each one's peak
    /// resident memory, which must not depend on the file's size.
    @Test("1 GiB streams with bounded memory") func gigabyteStream() throws {
        let temporary = try TemporaryStore()
        let source = temporary.directory + "/export.csv"
        let target = temporary.directory + "/copy.csv"
        try run(workerPath, ["generate", source, "\(1 << 30)"])

        let put = try run(workerPath, ["put-file", temporary.path, "c1", "export.csv", source])
        #expect(put.status == 0, "\(put.errors)")
        let get = try run(workerPath, ["get-file", temporary.path, "c1", "export.csv", target])
        #expect(get.status == 0, "\(get.errors)")

        for (label, result) in [("write", put), ("read", get)] {
            let line = String(decoding: result.output, as: UTF8.self).split(separator: "\n").last ?? ""
            let kib = Int(line.split(separator: " ").last ?? "") ?? Int.max
            #expect(kib < 64 * 1024, "\(label) peaked at \(kib) KiB")
        }
        let sourceSum = try run(workerPath, ["sha256", source])
        let targetSum = try run(workerPath, ["sha256", target])
        #expect(sourceSum.output == targetSum.output)
        #expect(try #require(try temporary.store.file(chatID: "c1", filename: "export.csv")).size == 1 << 30)
        try FileManager.default.removeItem(atPath: source)
        try FileManager.default.removeItem(atPath: target)
    }
}
