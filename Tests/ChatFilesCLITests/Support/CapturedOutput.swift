import ChatFilesCLI

/// A ``TextOutput`` that keeps what is written, for running the tool in-process.
final class CapturedOutput: TextOutput {
    private(set) var text = ""

    func write(_ text: String) {
        self.text += text
    }
}

/// Runs the tool in-process with an empty environment and returns its status, output and error output.
func runInProcess(_ arguments: [String], environment: [String: String] = [:]) -> (
    status: ExitCode, output: String, errorOutput: String
) {
    let output = CapturedOutput()
    let errorOutput = CapturedOutput()
    let status = ChatFilesTool.main(
        arguments: arguments, environment: environment, output: output, errorOutput: errorOutput)
    return (status, output.text, errorOutput.text)
}
