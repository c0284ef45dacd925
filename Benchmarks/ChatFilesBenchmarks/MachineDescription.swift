import CCrypto
import CSQLite
import CZlib
import Foundation

/// The machine and software a run measured, for the JSON report and the table header.
struct MachineDescription: Codable {
    var cpuModel: String?
    var cores: Int
    var memoryBytes: Int64?
    var kernel: String?
    var operatingSystem: String?
    /// The first line of `swift --version`, when a `swift` is on the PATH.
    var swiftVersion: String?
    var sqliteVersion: String
    var zlibVersion: String
    var opensslVersion: String
    /// The type of the file system that held the benchmark's stores, such as `ext4`, from `/proc/mounts`.
    var fileSystem: String?

    static func current(workFolder: String) -> MachineDescription {
        MachineDescription(
            cpuModel: firstValue(in: "/proc/cpuinfo", key: "model name"),
            cores: ProcessInfo.processInfo.activeProcessorCount,
            memoryBytes: firstValue(in: "/proc/meminfo", key: "MemTotal").flatMap { text in
                Int64(text.split(separator: " ").first ?? "").map { $0 * 1024 }
            },
            kernel: (try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines),
            operatingSystem: firstValue(in: "/etc/os-release", key: "PRETTY_NAME", separator: "=")?
                .trimmingCharacters(in: CharacterSet(charactersIn: "\"")),
            swiftVersion: swiftVersionLine(),
            sqliteVersion: String(cString: sqlite3_libversion()),
            zlibVersion: String(cString: CZlib.zlibVersion()),
            opensslVersion: String(cString: OpenSSL_version(OPENSSL_VERSION)),
            fileSystem: fileSystemType(of: workFolder))
    }

    var summary: String {
        let memory = memoryBytes.map { String(format: "%.0f GiB", Double($0) / Double(1 << 30)) } ?? "? GiB"
        return "\(cpuModel ?? "unknown CPU"), \(cores) cores, \(memory), Linux \(kernel ?? "?"), "
            + "\(operatingSystem ?? "unknown OS"); \(swiftVersion ?? "Swift version unknown"); SQLite \(sqliteVersion), "
            + "zlib \(zlibVersion), \(opensslVersion); stores on \(fileSystem ?? "an unknown file system")"
    }

    /// The type of the mount with the longest mount point that contains `path`.
    private static func fileSystemType(of path: String) -> String? {
        guard let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) else { return nil }
        var best: (mountPoint: String, type: String)?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let mountPoint = String(fields[1])
            let contains = path == mountPoint || path.hasPrefix(mountPoint == "/" ? "/" : mountPoint + "/")
            if contains, mountPoint.count >= (best?.mountPoint.count ?? 0) {
                best = (mountPoint, String(fields[2]))
            }
        }
        return best?.type
    }

    private static func firstValue(in path: String, key: String, separator: Character = ":") -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: separator, maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == key {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    private static func swiftVersionLine() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "--version"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init)
    }
}
