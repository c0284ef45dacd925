// A helper process for the ChatFiles tests: it writes, reads and reports so that tests can run real
// concurrent processes against one store and measure a process's peak memory.
//
//   chatfiles-test-worker write-loop STORE CHAT COUNT    write COUNT files, print "ack NAME SHA256" after each
//   chatfiles-test-worker generate PATH BYTES            write a CSV-like file of BYTES bytes to PATH
//   chatfiles-test-worker put-file STORE CHAT NAME PATH  stream PATH into the store, print "peak-rss KIB"
//   chatfiles-test-worker get-file STORE CHAT NAME PATH  stream a file out to PATH, print "peak-rss KIB"
//   chatfiles-test-worker sha256 PATH                    print the SHA-256 of PATH, streamed
//   chatfiles-test-worker churn STORE CHAT SECONDS       delete files and write the same content again
//   chatfiles-test-worker fresh STORE CHAT SECONDS       write new content
//   chatfiles-test-worker gc-loop STORE SECONDS          collect garbage with no grace period, in a loop
//   chatfiles-test-worker crash-writer STORE SEED [SECONDS]
//                                                        random operations until killed (or SECONDS, 60)
//   chatfiles-test-worker zero-umask-store STORE         create a store and write files under umask 0
//
// churn and fresh print "ack NAME SHA256" after each write returned and "del NAME" after each delete
// returned. With CHATFILES_TEST_SKIP_PRESENCE_CHECK=1 in the environment, writers skip the check under
// the write lock that the blob file is still present, which the stress test uses to show it is needed.
//
// crash-writer prints "ready" once the store is open, then for each operation one line announcing it
// before it starts and "ack" after it returned, each line written with write(2) so that a SIGKILL
// loses none of them:
//   begin write CHAT NAME SHA256 KIND            KIND: new, same (written before), new-file, same-file
//   begin batch CHAT NAME SHA256 [CHAT NAME SHA256 ...]   in request order; the last one of a name wins
//   begin delete CHAT NAME                       the file is absent afterwards, whether or not it existed
//   begin delete-chat CHAT
//   begin collect plain|full                     collectGarbage with no grace period; full also sweeps
// It prints "done" if SECONDS pass without a kill. Odd seeds also run a background thread that
// collects garbage with no grace period every few milliseconds.
@_spi(Testing) import ChatFiles
import Foundation

let arguments = CommandLine.arguments
do {
    switch arguments.count > 1 ? arguments[1] : "" {
    case "write-loop" where arguments.count == 5:
        try writeLoop(store: arguments[2], chat: arguments[3], count: Int(arguments[4])!)
    case "generate" where arguments.count == 4:
        try generate(path: arguments[2], bytes: Int(arguments[3])!)
    case "put-file" where arguments.count == 6:
        let store = try ChatFileStore(path: arguments[2])
        let file = try store.write(
            FileWrite(
                chatID: arguments[3], userID: "worker", filename: arguments[4], content: .file(path: arguments[5])))
        print("blob \(file.blob) size \(file.size)")
        print("peak-rss \(peakResidentKiB())")
    case "get-file" where arguments.count == 6:
        let store = try ChatFileStore(path: arguments[2])
        try store.read(chatID: arguments[3], filename: arguments[4], toFile: arguments[5])
        print("peak-rss \(peakResidentKiB())")
    case "churn" where arguments.count == 5:
        try churn(store: arguments[2], chat: arguments[3], seconds: Double(arguments[4])!)
    case "fresh" where arguments.count == 5:
        try fresh(store: arguments[2], chat: arguments[3], seconds: Double(arguments[4])!)
    case "gc-loop" where arguments.count == 4:
        try collectLoop(store: arguments[2], seconds: Double(arguments[3])!)
    case "crash-writer" where arguments.count == 4 || arguments.count == 5:
        let seconds = arguments.count == 5 ? Double(arguments[4])! : 60
        try crashWriter(store: arguments[2], seed: UInt64(arguments[3])!, seconds: seconds)
    case "zero-umask-store" where arguments.count == 3:
        try createStoreWithZeroUmask(store: arguments[2])
    case "sha256" where arguments.count == 3:
        print(try sha256(path: arguments[2]))
    default:
        fail("unknown or incomplete command: \(arguments.dropFirst().joined(separator: " "))")
    }
} catch {
    fail("\(error)")
}
