// Helpers shared by the modes, and the modes that only make or hash input files.
import ChatFiles
import Foundation

/// The process's peak resident set size in KiB, from the kernel's VmHWM line in /proc/self/status.
func peakResidentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? -1
    }
    return -1
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("chatfiles-test-worker: \(message)\n".utf8))
    exit(2)
}

/// Writes CSV-like text: a 1 MiB block of rows, repeated with a changing block number so that the
/// content is not periodic within zlib's 32 KiB window.
func generate(path: String, bytes: Int) throws {
    var block = ""
    var row = 0
    while block.utf8.count < 1 << 20 {
        block += "\(row),user-\(row % 997),\(Double(row % 10007) / 7),2026-11-\(row % 28 + 1),status-\(row % 13)\n"
        row += 1
    }
    var blockBytes = Array(block.utf8.prefix(1 << 20))
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    guard let handle = FileHandle(forWritingAtPath: path) else { fail("cannot create \(path)") }
    var written = 0
    var number = 0
    while written < bytes {
        let stamp = Array(String(format: "%08d", number).utf8)
        blockBytes.replaceSubrange(0..<8, with: stamp)
        let count = min(blockBytes.count, bytes - written)
        try handle.write(contentsOf: blockBytes[0..<count])
        written += count
        number += 1
    }
    try handle.close()
}

func sha256(path: String) throws -> SHA256Digest {
    guard let handle = FileHandle(forReadingAtPath: path) else { fail("cannot open \(path)") }
    let hasher = SHA256Hasher()
    while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
        chunk.withUnsafeBytes { hasher.update($0) }
    }
    return hasher.finalize()
}
