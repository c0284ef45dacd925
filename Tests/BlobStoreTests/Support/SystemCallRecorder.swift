import BlobStore
import Synchronization
import Testing

/// One system call as the hooks saw it, before it ran.
struct RecordedCall: Sendable, Equatable, CustomStringConvertible {
    let call: SystemCall
    let path: String

    var description: String { "\(call.rawValue) \(path)" }
}

/// A failure to inject: the `occurrence`-th call of kind `call` (counting from 1) fails with `errno`
/// instead of running.
struct InjectedFailure: Sendable, CustomTestStringConvertible {
    let call: SystemCall
    let occurrence: Int
    let errno: Int32

    var testDescription: String { "\(call.rawValue) #\(occurrence) fails with errno \(errno)" }
}

/// System call hooks that record every call and, when given an ``InjectedFailure``, make one call fail.
///
/// The file system calls the hooks from whichever thread runs the store, so the state is behind a mutex.
final class SystemCallRecorder: SystemCallHooks {
    private struct State {
        var calls: [RecordedCall] = []
        var countsByCall: [SystemCall: Int] = [:]
        var failedCall: RecordedCall?
    }

    private let failure: InjectedFailure?
    private let state = Mutex(State())

    init(failing failure: InjectedFailure? = nil) {
        self.failure = failure
    }

    func willCall(_ call: SystemCall, path: String) -> Int32? {
        state.withLock { state in
            let recorded = RecordedCall(call: call, path: path)
            state.calls.append(recorded)
            state.countsByCall[call, default: 0] += 1
            guard let failure, failure.call == call, state.countsByCall[call] == failure.occurrence else {
                return nil
            }
            state.failedCall = recorded
            return failure.errno
        }
    }

    /// Every call seen so far, in order.
    var calls: [RecordedCall] {
        state.withLock { $0.calls }
    }

    /// The call that was made to fail, or `nil` when the injected failure was never reached.
    var failedCall: RecordedCall? {
        state.withLock { $0.failedCall }
    }

    /// Returns the position of the first recorded call of kind `call` on `path`.
    func firstIndex(of call: SystemCall, path: String) -> Int? {
        calls.firstIndex(of: RecordedCall(call: call, path: path))
    }
}
