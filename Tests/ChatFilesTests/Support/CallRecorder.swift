import BlobStore
import Synchronization

/// Records the store's system calls, and fails chosen ones, through the file-system seam.
final class CallRecorder: SystemCallHooks {
    private let calls = Mutex<[(SystemCall, String)]>([])
    private let failures = Mutex<[SystemCall: (errno: Int32, pathContains: String)]>([:])

    func willCall(_ call: SystemCall, path: String) -> Int32? {
        calls.withLock { $0.append((call, path)) }
        return failures.withLock { rules in
            guard let rule = rules[call], path.contains(rule.pathContains) else { return nil }
            return rule.errno
        }
    }

    /// Makes every `call` on a path containing `pathContains` fail with `errno`.
    func fail(_ call: SystemCall, with errno: Int32, whenPathContains pathContains: String = "") {
        failures.withLock { $0[call] = (errno, pathContains) }
    }

    func reset() {
        calls.withLock { $0.removeAll() }
        failures.withLock { $0.removeAll() }
    }

    func count(of call: SystemCall) -> Int {
        calls.withLock { $0.filter { $0.0 == call }.count }
    }

    var recorded: [(SystemCall, String)] {
        calls.withLock { $0 }
    }
}
