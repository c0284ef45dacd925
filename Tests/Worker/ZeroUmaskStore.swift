import ChatFiles
import Foundation

/// Creates a store with the process's umask set to 0 and writes files every way a caller can, so a
/// test can check that the store's permissions do not depend on the umask. The umask is process-wide,
/// which is why this runs in its own process instead of in the test process.
func createStoreWithZeroUmask(store path: String) throws {
    umask(0)
    let store = try ChatFileStore(path: path)
    try store.write(chatID: "c1", userID: "worker", filename: "notes.md", text: "# written under umask 0\n")

    let source = (path as NSString).deletingLastPathComponent + "/zero-umask-source.csv"
    try Data(String(repeating: "id,value\n1,2\n", count: 5_000).utf8).write(to: URL(fileURLWithPath: source))
    try store.write(FileWrite(chatID: "c1", userID: "worker", filename: "streamed.csv", content: .file(path: source)))

    try store.write(batch: [
        FileWrite(chatID: "c2", userID: "worker", filename: "src/app.py", content: .bytes(Array("print(1)\n".utf8))),
        FileWrite(chatID: "c2", userID: "worker", filename: "data.json", content: .bytes(Array("{}".utf8))),
    ])
    try store.write(chatID: "c1", userID: "worker", filename: "notes.md", text: "# replaced\n")
    try store.collectGarbage(CollectionOptions(gracePeriod: .zero, isFullSweep: true))
    print("written")
}
