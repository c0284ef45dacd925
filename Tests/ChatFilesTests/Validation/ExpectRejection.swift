import Testing

@testable import ChatFiles

/// Expects `body` to throw a ``ChatFilesError`` with `code` whose message contains every fragment.
///
/// Each fragment gets its own check, so a failure names the missing fragment and shows the message.
func expectRejection<Result>(
    _ code: ChatFilesError.Code,
    containing fragments: [String],
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Result
) {
    let error = #expect(throws: ChatFilesError.self, sourceLocation: sourceLocation) {
        _ = try body()
    }
    guard let error else {
        return
    }
    #expect(error.code == code, "message: \(error.message)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(
            error.message.contains(fragment), "missing \(fragment) in message: \(error.message)",
            sourceLocation: sourceLocation)
    }
}
