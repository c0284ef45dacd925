/// A one-line progress display on a terminal: files, megabytes and throughput, redrawn in place.
///
/// Callers create it only when standard error is a terminal, so logs and pipes never receive the
/// carriage returns and escape sequences it writes.
final class ProgressBar {
    /// The shortest time between two redraws, so that fast imports do not spend time on the terminal.
    static let redrawInterval = Duration.milliseconds(100)

    private let output: any TextOutput
    private let label: String
    private let start = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant?

    init(output: any TextOutput, label: String) {
        self.output = output
        self.label = label
    }

    /// Redraws the line, at most once per ``redrawInterval``.
    func update(files: Int, bytes: Int64) {
        update(count: files, unit: "files", bytes: bytes)
    }

    /// Redraws the line with a count of any unit, such as `blobs`, at most once per ``redrawInterval``.
    func update(count: Int, unit: String, bytes: Int64) {
        let now = ContinuousClock.now
        if let lastDraw, now - lastDraw < Self.redrawInterval {
            return
        }
        lastDraw = now
        let seconds = max(Formatting.secondsValue(now - start), 0.001)
        let rate = Formatting.megabytes(Int64(Double(bytes) / seconds)) + "/s"
        // \r returns to the start of the line and ESC [ K clears what a longer earlier line left.
        output.write(
            "\r\(label) \(Formatting.count(count)) \(unit), \(Formatting.megabytes(bytes)), \(rate)\u{1B}[K")
    }

    /// Redraws the line as `done` of `total` items, at most once per ``redrawInterval``.
    func update(done: Int, total: Int, unit: String) {
        let now = ContinuousClock.now
        if let lastDraw, now - lastDraw < Self.redrawInterval, done < total {
            return
        }
        lastDraw = now
        output.write("\r\(label) \(Formatting.count(done)) of \(Formatting.count(total)) \(unit)\u{1B}[K")
    }

    /// Clears the line, so that a warning or the summary that follows starts on a clean line. The next
    /// ``update(files:bytes:)`` draws the line again at once.
    func clear() {
        if lastDraw != nil {
            output.write("\r\u{1B}[K")
        }
        lastDraw = nil
    }
}

/// A progress bar handed to a library progress callback, which must be `@Sendable`.
///
/// `@unchecked Sendable` because `collectGarbage` and `verify` call their progress closure on the
/// thread that called them, so the bar is never used from two threads.
final class CallbackProgress: @unchecked Sendable {
    let bar: ProgressBar

    init(_ bar: ProgressBar) {
        self.bar = bar
    }
}
