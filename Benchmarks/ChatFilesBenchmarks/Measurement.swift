import Foundation
import Synchronization

/// Monotonic time in nanoseconds (`CLOCK_MONOTONIC`).
func nowNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Runs `body` and returns how long it took, in nanoseconds.
func measure(_ body: () throws -> Void) rethrows -> UInt64 {
    let start = nowNanoseconds()
    try body()
    return nowNanoseconds() - start
}

/// The process's peak resident set size in KiB: the `VmHWM` line of `/proc/self/status`.
///
/// The benchmark process holds the whole corpus in memory, which would hide a scenario's own peak, so
/// the memory-sensitive `large` scenario runs in child processes that hold nothing else.
func peakResidentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0
    }
    return 0
}

/// Operation timings of one scenario on one system.
struct Timings {
    /// One duration per operation, in nanoseconds.
    var latencies: [UInt64] = []
    /// Files written, read, listed or deleted.
    var files = 0
    /// Uncompressed content bytes that the operations moved.
    var bytes: Int64 = 0
    /// Wall-clock time of the whole run. When `nil`, the sum of the latencies is used, which leaves
    /// out the untimed checks between operations.
    var wallNanoseconds: UInt64?

    mutating func record(_ nanoseconds: UInt64, files: Int, bytes: Int64) {
        latencies.append(nanoseconds)
        self.files += files
        self.bytes += bytes
    }

    mutating func merge(_ other: Timings) {
        latencies += other.latencies
        files += other.files
        bytes += other.bytes
    }

    var seconds: Double {
        Double(wallNanoseconds ?? latencies.reduce(0, +)) / 1e9
    }

    /// The latency below which `fraction` of the operations finished (nearest rank), in milliseconds.
    func percentile(_ fraction: Double) -> Double? {
        guard !latencies.isEmpty else { return nil }
        let sorted = latencies.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return Double(sorted[min(max(rank, 0), sorted.count - 1)]) / 1e6
    }
}

/// Runs `body(index)` on `count` new threads at once and waits for all of them.
///
/// Real threads rather than `concurrentPerform`, so that a thread blocked in `fsync` does not keep
/// another from running.
func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            body(index)
            group.leave()
        }
        thread.stackSize = 4 << 20
        thread.start()
    }
    group.wait()
}

/// Collects values from several threads.
final class ThreadResults<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])

    func append(_ value: Value) {
        values.withLock { $0.append(value) }
    }

    var all: [Value] { values.withLock { $0 } }
}

/// Hands out 0, 1, 2, … to threads that take work items from a shared list.
final class WorkCounter: Sendable {
    private let next = Atomic<Int>(0)

    func take() -> Int {
        next.add(1, ordering: .relaxed).oldValue
    }
}
