/// The options that the tool accepts for every command: where the store is, help and version.
enum GlobalOptions {
    /// The environment variable that names the store when `--store` is not given.
    static let storeEnvironmentVariable = "CHATFILES_STORE"
    /// The store folder when neither `--store` nor the environment variable is given.
    static let defaultStorePath = "./chatfiles-store"

    static let store = ArgumentDefinition(
        kind: .option, names: ["--store"], valueName: "dir",
        help: "The store folder. The default is $\(storeEnvironmentVariable) when it is set and not empty, "
            + "else \(defaultStorePath). The option may come before or after the command.",
        isRequired: false, takesManyValues: false, expectedValue: "a folder path")

    static let help = ArgumentDefinition(
        kind: .flag, names: ["-h", "--help"], valueName: "", help: "Show this help and exit.", isRequired: false,
        takesManyValues: false, expectedValue: "")

    static let version = ArgumentDefinition(
        kind: .flag, names: ["--version"], valueName: "", help: "Show the version of chatfiles and exit.",
        isRequired: false, takesManyValues: false, expectedValue: "")

    /// Returns whether a word is `-h` or `--help`.
    static func isHelp(_ word: String) -> Bool {
        help.names.contains(word)
    }

    /// Removes every `--store DIR` and `--store=DIR` before `--` from `words`.
    ///
    /// - Returns: The remaining words and the store folder, or `nil` when the option is absent.
    /// - Throws: ``UsageError`` when the option is given twice or has no value or an empty value.
    static func extractStore(from words: [String]) throws(UsageError) -> (words: [String], store: String?) {
        var remaining: [String] = []
        var store: String?
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" {
                remaining += words[(index - 1)...]
                break
            }
            let (name, inlineValue) = CommandLineParser.splitInlineValue(word)
            guard name == "--store" else {
                remaining.append(word)
                continue
            }
            guard store == nil else {
                throw UsageError("--store was given twice; give it once")
            }
            var value = inlineValue
            if value == nil, index < words.count, !CommandLineParser.looksLikeOption(words[index]) {
                value = words[index]
                index += 1
            }
            guard let value, !value.isEmpty else {
                throw UsageError("missing value for --store; write --store <dir> with the store folder")
            }
            store = value
        }
        return (remaining, store)
    }

    /// Chooses the store folder: `--store`, else the environment variable, else the default.
    static func storePath(option: String?, environment: [String: String]) -> String {
        if let option {
            return option
        }
        if let fromEnvironment = environment[storeEnvironmentVariable], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return defaultStorePath
    }
}
