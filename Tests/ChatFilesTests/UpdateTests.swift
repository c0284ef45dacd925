import Foundation
import Testing

@testable import ChatFiles

@Suite struct UpdateTests {
    @Test("update keeps id and created_at") func updateKeepsIdentity() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let first = try store.write(chatID: "c1", userID: "u1", filename: "todo.md", text: "- [ ] step one\n")
        let second = try store.write(
            chatID: "c1", userID: "u1", filename: "todo.md", text: "- [x] step one\n- [ ] step two\n",
            description: "plan", metadata: #"{"step": 2}"#)

        #expect(second.id == first.id)
        #expect(second.createdAt == first.createdAt)
        #expect(second.updatedAt > first.updatedAt)
        #expect(second.size != first.size)
        #expect(second.blob != first.blob)
        #expect(second.description == "plan")
        #expect(second.metadata == #"{"step": 2}"#)

        let stored = try #require(try store.file(chatID: "c1", filename: "todo.md"))
        #expect(stored == second)
        #expect(try store.files(inChat: "c1").count == 1)
    }

    @Test("replaced blob is marked unreferenced") func replacedBlobMarked() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        try store.write(chatID: "c1", userID: "u1", filename: "a.txt", text: "old")
        try store.write(chatID: "c1", userID: "u1", filename: "a.txt", text: "new")

        let statistics = try store.statistics()
        #expect(statistics.blobs == 1)
        #expect(statistics.garbageBlobs == 1)
    }

    @Test("blob shared with another chat stays referenced") func sharedBlobStaysReferenced() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        try store.write(chatID: "c1", userID: "u1", filename: "a.txt", text: "shared")
        try store.write(chatID: "c2", userID: "u1", filename: "a.txt", text: "shared")
        try store.write(chatID: "c1", userID: "u1", filename: "a.txt", text: "changed")
        try store.delete(chatID: "c1", filename: "a.txt")

        let statistics = try store.statistics()
        #expect(statistics.blobs == 1)
        #expect(statistics.garbageBlobs == 1)
        #expect(try store.readText(chatID: "c2", filename: "a.txt") == "shared")
    }

    @Test("rewriting old content clears the mark") func rewriteClearsMark() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        try store.write(chatID: "c1", userID: "u1", filename: "a.txt", text: "v1")
        try store.write(chatID: "c1", userID: "u1", filename: "a.txt", text: "v2")
        try store.write(chatID: "c1", userID: "u1", filename: "a.txt", text: "v1")

        let statistics = try store.statistics()
        #expect(statistics.blobs == 1)
        #expect(statistics.garbageBlobs == 1)
        #expect(try store.readText(chatID: "c1", filename: "a.txt") == "v1")
    }

    @Test("seed todo.md flow") func todoFlow() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let script = Array(
            "import pandas as pd\nrevenue = pd.Series([100, 120, 150])\nprint(revenue.pct_change())\n".utf8)
        try store.write(chatID: "chat-42", userID: "user-7", filename: "revenue_growth.py", content: script)
        try store.write(chatID: "chat-42", userID: "user-7", filename: "todo.md", text: "- [ ] load data\n")
        for step in 1...5 {
            let lines = (1...step).map { "- [x] step \($0)\n" }.joined() + "- [ ] step \(step + 1)\n"
            try store.write(chatID: "chat-42", userID: "user-7", filename: "todo.md", text: lines)
        }
        try store.delete(chatID: "chat-42", filename: "todo.md")

        let files = try store.files(inChat: "chat-42")
        #expect(files.map(\.filename) == ["revenue_growth.py"])
        #expect(files.first?.fileType == .python)
        #expect(try store.read(chatID: "chat-42", filename: "revenue_growth.py") == script)
        #expect(try store.statistics().garbageBlobs == 6)
        try temporary.expectNoDanglingRows()
    }

    @Test("a batch commits every file") func batchWrite() throws {
        let temporary = try TemporaryStore()
        let files = (0..<50).map { index in
            FileWrite(
                chatID: "c\(index % 5)", userID: "u1", filename: "f\(index).json",
                content: .bytes(Array("{\"n\": \(index)}".utf8)))
        }
        let rows = try temporary.store.write(batch: files)

        #expect(rows.count == 50)
        #expect(rows.map(\.filename) == files.map(\.filename))
        #expect(try temporary.store.files(inChat: "c3").count == 10)
        #expect(try temporary.store.readText(chatID: "c2", filename: "f7.json") == "{\"n\": 7}")
        #expect(try temporary.store.chats(ofUser: "u1").count == 5)
    }
}
