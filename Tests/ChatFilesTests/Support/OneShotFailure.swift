import BlobStore
import Synchronization

/// Fails one chosen call through the file-system seam: the n-th call of a ``SystemCall`` on a path
/// containing a substring, once, with a chosen errno. It also counts the matching calls, so a test can
/// first learn how many steps an operation has and then fail each step in turn.
final class OneShotFailure: SystemCallHooks {
    private struct State {
        var call: SystemCall?
        var pathContains = ""
        /// Which matching call fails, counting from 1; 0 only counts.
        var occurrence = 0
        var errno: Int32 = 0
        var matches = 0
        var failedPath: String?
    }

    private let state = Mutex(State())

    func willCall(_ call: SystemCall, path: String) -> Int32? {
        state.withLock { state in
            // Foundation's contains returns false for an empty substring, so "" is checked first.
            guard call == state.call, state.pathContains.isEmpty || path.contains(state.pathContains) else {
                return nil
            }
            state.matches += 1
            guard state.matches == state.occurrence else { return nil }
            state.failedPath = path
            return state.errno
        }
    }

    /// Starts counting calls of `call` on paths containing `pathContains`, and makes the
    /// `occurrence`-th of them fail with `errno`; an occurrence of 0 fails none.
    func arm(_ call: SystemCall, pathContains: String = "", occurrence: Int, errno: Int32) {
        state.withLock { $0 = State(call: call, pathContains: pathContains, occurrence: occurrence, errno: errno) }
    }

    /// Stops counting and failing; returns how many calls matched and the path of the failed call.
    @discardableResult
    func disarm() -> (matches: Int, failedPath: String?) {
        state.withLock { state in
            let result = (state.matches, state.failedPath)
            state = State()
            return result
        }
    }
}
