/// An option that takes a value: `--chat c1` or `--chat=c1`.
///
/// The option is required unless its type is optional or it has a default value:
///
/// ```swift
/// @Option(name: "--chat", valueName: "id", help: "The chat whose files to list.")
/// var chat: String
/// @Option(name: "--type", valueName: "type", help: "The file type; inferred from the extension by default.")
/// var type: String?
/// ```
@propertyWrapper
public struct Option<Value: ArgumentValue>: DeclaredArgument {
    let definition: ArgumentDefinition
    private let storage: ArgumentStorage<Value>

    public init(name: String, shortName: String? = nil, valueName: String, help: String) {
        self.init(name: name, shortName: shortName, valueName: valueName, help: help, default: Value.absentValue)
    }

    public init(wrappedValue: Value, name: String, shortName: String? = nil, valueName: String, help: String) {
        self.init(name: name, shortName: shortName, valueName: valueName, help: help, default: wrappedValue)
    }

    private init(name: String, shortName: String?, valueName: String, help: String, default value: Value?) {
        definition = ArgumentDefinition(
            kind: .option, names: [shortName, name].compactMap { $0 }, valueName: valueName, help: help,
            isRequired: value == nil, takesManyValues: false, expectedValue: Value.expectedValue)
        storage = ArgumentStorage(value)
    }

    public var wrappedValue: Value { storage.read(definition) }

    func assign(_ values: [String]) throws(UsageError) {
        storage.value = try convert(values, Value.self, for: definition)
    }
}

/// A flag: `--json` alone sets the property to `true`; without it the property is `false`.
@propertyWrapper
public struct Flag: DeclaredArgument {
    let definition: ArgumentDefinition
    private let storage = ArgumentStorage(false)

    public init(name: String, shortName: String? = nil, help: String) {
        definition = ArgumentDefinition(
            kind: .flag, names: [shortName, name].compactMap { $0 }, valueName: "", help: help, isRequired: false,
            takesManyValues: false, expectedValue: "")
    }

    public var wrappedValue: Bool { storage.read(definition) }

    func assign(_ values: [String]) throws(UsageError) {
        storage.value = true
    }
}

/// A positional argument, identified by its place among the values that are not options.
///
/// An array type takes every remaining value and must be declared last.
@propertyWrapper
public struct Argument<Value: ArgumentValue>: DeclaredArgument {
    let definition: ArgumentDefinition
    private let storage: ArgumentStorage<Value>

    public init(valueName: String, help: String) {
        definition = ArgumentDefinition(
            kind: .positional, names: [], valueName: valueName, help: help, isRequired: Value.absentValue == nil,
            takesManyValues: Value.takesManyValues, expectedValue: Value.expectedValue)
        storage = ArgumentStorage(Value.absentValue)
    }

    public var wrappedValue: Value { storage.read(definition) }

    func assign(_ values: [String]) throws(UsageError) {
        storage.value = try convert(values, Value.self, for: definition)
    }
}

private func convert<Value: ArgumentValue>(
    _ values: [String], _ type: Value.Type, for definition: ArgumentDefinition
) throws(UsageError) -> Value {
    guard let value = Value.parse(values) else {
        let given = values.map(quoted).joined(separator: " ")
        throw UsageError(
            "invalid value \(given) for \(definition.displayName): expected \(definition.expectedValue)")
    }
    return value
}
