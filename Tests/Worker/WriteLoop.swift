import ChatFiles
import Foundation

func writeLoop(store path: String, chat: String, count: Int) throws {
    let store = try ChatFileStore(path: path)
    for index in 0..<count {
        let name = "file-\(index % 20).txt"
        let content =
            Array("process \(ProcessInfo.processInfo.processIdentifier) chat \(chat) write \(index)\n".utf8)
            + Array(repeating: UInt8(ascii: "a") + UInt8(index % 26), count: index % 5000)
        let file = try store.write(chatID: chat, userID: "worker", filename: name, content: content)
        let check = try store.read(chatID: chat, filename: name)
        // Each worker owns its chat, so nothing else can have rewritten the file in between.
        if check != content {
            fail("read after write returned other content for \(name)")
        }
        print("ack \(name) \(file.blob)")
    }
}
