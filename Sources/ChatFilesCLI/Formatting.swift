import Foundation

/// Number, size and time formats shared by the commands' text output. Output never depends on the
/// locale, so scripts and tests see the same text everywhere.
enum Formatting {
    /// Formats a count with `,` between thousands, such as `12,345`.
    static func count(_ value: some BinaryInteger) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 {
                grouped.append(",")
            }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// Formats a count followed by a noun in the singular or plural, such as `1 blob` or `2 blobs`.
    static func count(_ value: Int, _ singular: String, _ plural: String) -> String {
        count(value) + " " + (value == 1 ? singular : plural)
    }

    /// Formats a byte count in megabytes (1 MB = 1,000,000 bytes) with one decimal, such as `117.2 MB`.
    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }

    /// Formats a ratio with two decimals, such as `3.28`.
    static func ratio(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    /// Formats a duration in seconds with one decimal, such as `12.3 s`.
    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f s", secondsValue(duration))
    }

    static func secondsValue(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Formats a time as ISO 8601 in UTC with milliseconds, such as `2025-01-31T14:05:09.123Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }
}
