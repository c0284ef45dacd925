/// Validates a file's description and returns it unchanged.
///
/// A description is free text for people, such as "Cleaned sales data for Q3", so it may contain line
/// breaks, tabs and any other character except NUL. NUL is rejected because it ends a C string early,
/// so tools that read the index through C APIs would see the text cut short. It is at most
/// ``ChatFilesLimits/maxDescriptionByteCount`` UTF-8 bytes, because it is meant as a summary and the
/// file's content belongs in the file.
///
/// - Throws: ``ChatFilesError`` with code ``ChatFilesError/Code/invalidArgument``. The message quotes the
///   start of the description and names the rule.
func validateDescription(_ description: String) throws(ChatFilesError) -> String {
    let byteCount = description.utf8.count
    guard byteCount <= ChatFilesLimits.maxDescriptionByteCount else {
        throw ChatFilesError(
            .invalidArgument,
            "invalid description \(quoteForMessage(description)): the description is \(byteCount) UTF-8 bytes "
                + "long and the maximum is \(ChatFilesLimits.maxDescriptionByteCount); "
                + "shorten it and keep long text in the file itself")
    }
    if let nul = description.utf8.firstIndex(of: 0) {
        let byteOffset = description.utf8.distance(from: description.utf8.startIndex, to: nul)
        throw ChatFilesError(
            .invalidArgument,
            "invalid description \(quoteForMessage(description)): the NUL character (U+0000) at byte "
                + "\(byteOffset) is not allowed; remove it")
    }
    return description
}
