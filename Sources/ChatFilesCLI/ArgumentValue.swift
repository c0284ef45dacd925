/// A type that a command-line value converts to, such as `String` or `Int`.
///
/// `Optional` conforms when its wrapped type does, which makes an option optional: when it is not
/// given, its value is `nil`. `Array` conforms for a positional argument that takes every remaining value.
public protocol ArgumentValue {
    /// Converts the values given on the command line, or returns `nil` when they are not valid.
    static func parse(_ values: [String]) -> Self?

    /// The value when the argument is not given, or `nil` when the argument is required.
    static var absentValue: Self? { get }

    /// A description of a valid value, for the error message about an invalid one.
    static var expectedValue: String { get }

    /// Whether the argument takes all remaining positional values instead of one.
    static var takesManyValues: Bool { get }
}

extension ArgumentValue {
    public static var absentValue: Self? { nil }
    public static var takesManyValues: Bool { false }
}

extension String: ArgumentValue {
    public static func parse(_ values: [String]) -> String? {
        values.count == 1 ? values[0] : nil
    }

    public static var expectedValue: String { "text" }
}

extension Int: ArgumentValue {
    public static func parse(_ values: [String]) -> Int? {
        values.count == 1 ? Int(values[0]) : nil
    }

    public static var expectedValue: String { "a whole number such as 10" }
}

extension Optional: ArgumentValue where Wrapped: ArgumentValue {
    public static func parse(_ values: [String]) -> Wrapped?? {
        Wrapped.parse(values).map { .some($0) }
    }

    public static var absentValue: Wrapped?? { .some(nil) }
    public static var expectedValue: String { Wrapped.expectedValue }
    public static var takesManyValues: Bool { Wrapped.takesManyValues }
}

extension Array: ArgumentValue where Element: ArgumentValue {
    public static func parse(_ values: [String]) -> [Element]? {
        var elements: [Element] = []
        for value in values {
            guard let element = Element.parse([value]) else { return nil }
            elements.append(element)
        }
        return elements.isEmpty ? nil : elements
    }

    public static var expectedValue: String { Element.expectedValue }
    public static var takesManyValues: Bool { true }
}
