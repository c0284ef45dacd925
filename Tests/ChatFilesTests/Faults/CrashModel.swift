import Foundation

/// A chat and filename, the unit whose state the crash test tracks.
struct CrashFileKey: Hashable, Comparable, CustomStringConvertible {
    let chatID: String
    let filename: String

    static func < (left: CrashFileKey, right: CrashFileKey) -> Bool {
        (left.chatID, left.filename) < (right.chatID, right.filename)
    }

    var description: String { "\(chatID)/\(filename)" }
}

/// An operation that the crash writer announced with a `begin` line.
struct AnnouncedOperation {
    /// The operation's name: write, batch, delete, delete-chat or collect.
    let kind: String
    /// The state each affected file is in after the operation, in the order the store applies them,
    /// where `nil` means absent. A name repeated in a batch ends with its last entry.
    let effects: [(key: CrashFileKey, digest: String?)]
    /// The `begin` line, for failure messages.
    let line: String

    /// The final state of each affected file.
    var intended: [CrashFileKey: String?] {
        var states: [CrashFileKey: String?] = [:]
        for effect in effects {
            states[effect.key] = .some(effect.digest)
        }
        return states
    }
}

/// What the crash test expects in the store: the content hash of every file as of the last
/// acknowledged operation, updated from the crash writer's output.
struct CrashModel {
    private(set) var files: [CrashFileKey: String] = [:]

    /// The result of replaying one worker's output.
    struct Replay {
        var acknowledged = 0
        /// The operation begun and not acknowledged when the worker was killed.
        var inFlight: AnnouncedOperation?
        var errors: [String] = []
    }

    /// Applies every acknowledged operation in `output` and returns the one left in flight, if any.
    ///
    /// Only complete lines count: a line cut by the kill was never fully written, and an operation
    /// whose `ack` was cut is still in flight, which allows both its old and its new state.
    mutating func replay(_ output: String) -> Replay {
        var replay = Replay()
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()  // the text after the last newline: empty, or a line the kill cut short
        for line in lines {
            if line.hasPrefix("begin ") {
                if let pending = replay.inFlight {
                    replay.errors.append("'\(pending.line)' was followed by another begin line without an ack")
                }
                replay.inFlight = parse(line)
                if replay.inFlight == nil {
                    replay.errors.append("cannot parse the worker's line '\(line)'")
                }
            } else if line == "ack" {
                guard let pending = replay.inFlight else {
                    replay.errors.append("an ack without a begin line")
                    continue
                }
                for effect in pending.effects {
                    files[effect.key] = effect.digest
                }
                replay.acknowledged += 1
                replay.inFlight = nil
            }
        }
        return replay
    }

    private func parse(_ line: Substring) -> AnnouncedOperation? {
        let fields = line.split(separator: " ").map(String.init)
        guard fields.count >= 2 else { return nil }
        let kind = fields[1]
        let arguments = Array(fields.dropFirst(2))
        var effects: [(key: CrashFileKey, digest: String?)] = []
        switch kind {
        case "write" where arguments.count == 4:
            effects = [(CrashFileKey(chatID: arguments[0], filename: arguments[1]), arguments[2])]
        case "batch" where arguments.count >= 3 && arguments.count % 3 == 0:
            for start in stride(from: 0, to: arguments.count, by: 3) {
                let key = CrashFileKey(chatID: arguments[start], filename: arguments[start + 1])
                effects.append((key, arguments[start + 2]))
            }
        case "delete" where arguments.count == 2:
            effects = [(CrashFileKey(chatID: arguments[0], filename: arguments[1]), nil)]
        case "delete-chat" where arguments.count == 1:
            effects = files.keys.filter { $0.chatID == arguments[0] }.sorted().map { ($0, nil) }
        case "collect" where arguments.count == 1:
            effects = []
        default:
            return nil
        }
        return AnnouncedOperation(kind: kind, effects: effects, line: String(line))
    }

    /// Compares the files found in the store with the model; returns one message per difference.
    ///
    /// A file that `inFlight` does not touch must be in its acknowledged state. A file it touches may
    /// be in its acknowledged or its announced state, and the operation counts as all-or-nothing:
    /// either every file whose state it changes moved, or none did.
    func differences(from observed: [CrashFileKey: String], inFlight: AnnouncedOperation?) -> [String] {
        let intended = inFlight?.intended ?? [:]
        var messages: [String] = []
        var moved: [CrashFileKey] = []
        var unmoved: [CrashFileKey] = []
        let keys = Set(files.keys).union(observed.keys).union(intended.keys).sorted()
        for key in keys {
            let acknowledged = files[key]
            let found = observed[key]
            guard let announced = intended[key] else {
                if found != acknowledged {
                    messages.append(
                        "\(key) is \(describe(found)) but its last acknowledged state is \(describe(acknowledged))")
                }
                continue
            }
            if found == announced && announced != acknowledged {
                moved.append(key)
            } else if found == acknowledged && announced != acknowledged {
                unmoved.append(key)
            } else if found != announced && found != acknowledged {
                messages.append(
                    "\(key) is \(describe(found)), neither its acknowledged state \(describe(acknowledged)) "
                        + "nor the state \(describe(announced)) of the operation in flight")
            }
        }
        if !moved.isEmpty && !unmoved.isEmpty {
            messages.append(
                "the \(inFlight!.kind) in flight was applied in part: \(moved.count) files moved (\(moved.prefix(3))), "
                    + "\(unmoved.count) did not (\(unmoved.prefix(3)))")
        }
        return messages
    }

    /// Takes the store's state as the new acknowledged state, after a check passed.
    mutating func adopt(_ observed: [CrashFileKey: String]) {
        files = observed
    }

    private func describe(_ digest: String?) -> String {
        digest.map { "blob \($0.prefix(12))…" } ?? "absent"
    }
}
