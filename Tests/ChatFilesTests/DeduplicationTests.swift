import Foundation
import Testing

@testable import ChatFiles

@Suite struct DeduplicationTests {
    @Test("same content in 1,000 files is one blob") func thousandFilesOneBlob() throws {
        let temporary = try TemporaryStore()
        let content = Array("import pandas as pd\n\ndf = pd.read_csv('revenue.csv')\nprint(df.describe())\n".utf8)
        for chat in 0..<10 {
            let files = (0..<100).map { index in
                FileWrite(
                    chatID: "chat-\(chat)", userID: "u1", filename: "analysis-\(index).py", content: .bytes(content))
            }
            try temporary.store.write(batch: files)
        }

        let statistics = try temporary.store.statistics()
        #expect(statistics.files == 1000)
        #expect(statistics.chats == 10)
        #expect(statistics.blobs == 1)
        #expect(statistics.logicalBytes == Int64(content.count) * 1000)
        #expect(statistics.uniqueBytes == Int64(content.count))
        #expect(statistics.deduplicationRatio == 1000)
        #expect(try temporary.blobFiles().count == 1)
        #expect(try temporary.temporaryFiles().isEmpty)
    }

    @Test("streamed and in-memory writes share a blob") func streamedDuplicate() throws {
        let temporary = try TemporaryStore()
        let content = Array(String(repeating: "a,b,c\n1,2,3\n", count: 10_000).utf8)
        let source = temporary.directory + "/source.csv"
        try Data(content).write(to: URL(fileURLWithPath: source))

        let memory = try temporary.store.write(chatID: "c1", userID: "u1", filename: "a.csv", content: content)
        let streamed = try temporary.store.write(
            FileWrite(chatID: "c2", userID: "u1", filename: "b.csv", content: .file(path: source)))

        #expect(memory.blob == streamed.blob)
        #expect(try temporary.blobFiles().count == 1)
        #expect(try temporary.temporaryFiles().isEmpty)
    }
}
