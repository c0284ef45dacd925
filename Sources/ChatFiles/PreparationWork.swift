import Synchronization

/// The shared state of one batch's preparation threads: the next request to take and each request's
/// outcome.
final class PreparationWork: Sendable {
    private struct State {
        var nextIndex = 0
        var hasFailed = false
        var results: [Result<PreparedWrite, ChatFilesError>?]
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(results: Array(repeating: nil, count: count)))
    }

    /// Returns the index of the next request to prepare, or `nil` when all are taken or one failed.
    func next() -> Int? {
        state.withLock { state in
            guard !state.hasFailed, state.nextIndex < state.results.count else { return nil }
            defer { state.nextIndex += 1 }
            return state.nextIndex
        }
    }

    func finish(_ index: Int, _ result: Result<PreparedWrite, ChatFilesError>) {
        state.withLock { state in
            state.results[index] = result
            if case .failure = result { state.hasFailed = true }
        }
    }

    /// Each request's outcome, in request order; `nil` for requests that no thread took.
    var results: [Result<PreparedWrite, ChatFilesError>?] {
        state.withLock { $0.results }
    }
}
