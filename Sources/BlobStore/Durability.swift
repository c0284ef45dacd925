/// How hard the store works to make an acknowledged write survive a crash or power loss.
public enum Durability: String, Sendable, CaseIterable {
    /// Every blob file and its directory are fsynced before the index row that references them commits,
    /// and SQLite runs with `synchronous=FULL`. A write that returned survives power loss. The default.
    case full

    /// Skips every fsync and runs SQLite with `synchronous=OFF`. About twice as fast for small files, but
    /// a power loss or kernel crash can lose recent writes or leave a row whose blob file is empty.
    /// A crash of the process alone (`kill -9`) loses nothing, because the page cache survives it.
    /// Use it only for data that can be regenerated, such as benchmarks or bulk imports that are rerun.
    case fast
}
