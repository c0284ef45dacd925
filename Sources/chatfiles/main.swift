import ChatFilesCLI

ChatFilesTool.runFromCommandLine()
