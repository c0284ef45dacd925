/// A duration on the command line: `0`, or a whole number followed by `s`, `m`, `h` or `d`, such as
/// `30s`, `10m`, `1h` or `7d`.
public struct DurationArgument: ArgumentValue, Sendable, Equatable {
    /// The parsed duration.
    public let duration: Duration

    public init(_ duration: Duration) {
        self.duration = duration
    }

    public static func parse(_ values: [String]) -> DurationArgument? {
        guard values.count == 1 else { return nil }
        let text = values[0]
        if text == "0" {
            return DurationArgument(.zero)
        }
        guard let unit = text.last, let number = Int64(text.dropLast()), number >= 0,
            text.dropLast().allSatisfy(\.isASCII)
        else { return nil }
        let secondsPerUnit: Int64
        switch unit {
        case "s": secondsPerUnit = 1
        case "m": secondsPerUnit = 60
        case "h": secondsPerUnit = 3600
        case "d": secondsPerUnit = 86_400
        default: return nil
        }
        let (seconds, overflow) = number.multipliedReportingOverflow(by: secondsPerUnit)
        return overflow ? nil : DurationArgument(.seconds(seconds))
    }

    public static var expectedValue: String { "a duration such as 0, 30s, 10m, 1h or 7d" }
}

/// A percentage from 0 to 100 on the command line, such as `10` or `2.5`.
public struct PercentArgument: ArgumentValue, Sendable, Equatable {
    public let value: Double

    public init(_ value: Double) {
        self.value = value
    }

    public static func parse(_ values: [String]) -> PercentArgument? {
        guard values.count == 1, let value = Double(values[0]), value.isFinite, (0...100).contains(value) else {
            return nil
        }
        return PercentArgument(value)
    }

    public static var expectedValue: String { "a percentage from 0 to 100, such as 10" }
}
