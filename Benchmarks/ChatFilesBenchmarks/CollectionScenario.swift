import ChatFiles
import Foundation

/// The `gc` scenario: the time to collect the same amount of garbage in a small and in a large store.
///
/// An ordinary collection reads only the blobs marked unreferenced, so removing 1,000 of them should
/// take about as long among 100,000 live blobs as among 1,000. Each store is filled with small distinct
/// files (durability `fast`, because only the collection is timed), then each round writes 1,000 more,
/// deletes them and times `collectGarbage` with no grace period. The large store's row is `store`, so
/// the small store's ratio column shows large ÷ small in collections per second: about 1 when the cost
/// follows the garbage.
struct CollectionScenario {
    let options: Options
    let workFolder: String

    static let garbagePerRound = 1_000

    func run() -> [ResultRow] {
        let sizes = options.quick ? [1_000, 10_000] : [1_000, 100_000]
        return sizes.map { liveBlobs in
            let system = liveBlobs == sizes.last ? "store" : "store, \(liveBlobs) live blobs"
            var row = ResultRow(scenario: "gc", system: system, operation: "collect 1,000 blobs")
            do {
                row.apply(try measure(liveBlobs: liveBlobs))
                row.note = "\(liveBlobs) live blobs"
            } catch {
                row.error = "\(error)"
            }
            return row
        }
    }

    private func measure(liveBlobs: Int) throws -> Timings {
        let path = workFolder + "/gc-\(liveBlobs)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try ChatFileStore(
            path: path, options: StoreOptions(compressionLevel: options.level, durability: .fast))
        try fill(store, chat: "live", count: liveBlobs, prefix: "live")

        var timings = Timings()
        for round in 0..<(options.quick ? 2 : 5) {
            let chat = "garbage-\(round)"
            try fill(store, chat: chat, count: Self.garbagePerRound, prefix: chat)
            // The garbage fits in one chat, "<chat>-0", since fill puts 1,000 files in each chat.
            try store.deleteChat(chatID: chat + "-0")
            let start = DispatchTime.now().uptimeNanoseconds
            let report = try store.collectGarbage(CollectionOptions(gracePeriod: .zero))
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            guard report.removedBlobs == Self.garbagePerRound else {
                throw BenchmarkError("collection removed \(report.removedBlobs) blobs, not \(Self.garbagePerRound)")
            }
            timings.record(elapsed, files: report.removedBlobs, bytes: 0)
        }
        return timings
    }

    /// Writes `count` small files with distinct content, in batches of 1,000.
    private func fill(_ store: ChatFileStore, chat: String, count: Int, prefix: String) throws {
        for start in stride(from: 0, to: count, by: 1_000) {
            let files = (start..<min(start + 1_000, count)).map { index in
                FileWrite(
                    chatID: "\(chat)-\(index / 1_000)", userID: "bench", filename: "f\(index).txt",
                    content: .bytes(Array("\(prefix) file \(index)\n".utf8)))
            }
            try store.write(batch: files)
        }
    }
}
