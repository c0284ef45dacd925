import BlobStore

/// The command line of a benchmark run.
struct Options: Sendable {
    static let usage = """
        usage: chatfiles-bench [--quick] [--scenario NAME]... [--files N] [--corpus DIR]
                               [--level N] [--threads N] [--json PATH]
                               [--seed N] [--batch N] [--incompressible PERCENT] [--large-mib N]
                               [--durability full|fast]

        scenarios: \(Options.allScenarios.joined(separator: ", "))
        """

    static let allScenarios = [
        "write-new", "write-new-single", "write-duplicate", "write-parallel", "read", "list", "update", "delete",
        "large", "levels", "gc",
    ]

    var quick = false
    var scenarios: [String] = []
    var fileCount: Int?
    var corpusFolder: String?
    var level = 2
    var threads = 2
    var jsonPath: String?
    var seed: UInt64 = 1
    var batchSize = 100
    var incompressiblePercent = 0.0
    var largeMiB: Int?
    /// The store's durability. The baselines always sync (SQLite `synchronous = FULL`, `fsync` per file).
    var durability = Durability.full

    init(arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let value = rest.popFirst() else { throw BenchmarkError("\(flag) needs a value\n\(Self.usage)") }
            return value
        }
        func number(_ flag: String, in range: ClosedRange<Int>) throws -> Int {
            let text = try value(flag)
            guard let number = Int(text), range.contains(number) else {
                throw BenchmarkError("\(flag) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--quick": quick = true
            case "--scenario":
                let name = try value(flag)
                guard Self.allScenarios.contains(name) else {
                    throw BenchmarkError("unknown scenario '\(name)'\n\(Self.usage)")
                }
                scenarios.append(name)
            case "--files": fileCount = try number(flag, in: 1...1_000_000)
            case "--corpus": corpusFolder = try value(flag)
            case "--level": level = try number(flag, in: 0...9)
            case "--threads": threads = try number(flag, in: 1...64)
            case "--json": jsonPath = try value(flag)
            case "--seed": seed = UInt64(try number(flag, in: 0...Int.max))
            case "--batch": batchSize = try number(flag, in: 1...10_000)
            case "--incompressible": incompressiblePercent = Double(try number(flag, in: 0...100))
            case "--large-mib": largeMiB = try number(flag, in: 1...16_384)
            case "--durability":
                switch try value(flag) {
                case "full": durability = .full
                case "fast": durability = .fast
                default: throw BenchmarkError("--durability must be full or fast")
                }
            case "--help", "-h": throw BenchmarkError(Self.usage)
            default: throw BenchmarkError("unknown option '\(flag)'\n\(Self.usage)")
            }
        }
    }

    func runs(_ scenario: String) -> Bool {
        scenarios.isEmpty || scenarios.contains(scenario)
    }

    // MARK: Sizes of a quick and a full run

    var corpusFiles: Int { fileCount ?? (quick ? 300 : 2000) }
    var singleWrites: Int { quick ? 40 : 300 }
    var duplicateWrites: Int { quick ? 1000 : 10_000 }
    var reads: Int { quick ? 1000 : 5000 }
    var lists: Int { quick ? 500 : 5000 }
    var updates: Int { quick ? 40 : 300 }
    var deletes: Int { quick ? 40 : 300 }
    var largeBytes: Int64 { Int64(largeMiB ?? (quick ? 64 : 1024)) << 20 }
    var levels: [Int] { quick ? [1, 2, 6] : Array(1...9) }
    /// How often each in-memory bound runs; the median run is reported.
    var boundRuns: Int { 3 }
    /// The number of files in the chat that the list scenario lists.
    var listChatSize: Int { 100 }
}
