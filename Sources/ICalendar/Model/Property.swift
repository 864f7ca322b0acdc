/// One content line: a property with its parameters and its value.
///
/// The value is kept exactly as it was written (after unfolding), escapes included, so a
/// property can be written back without loss. Typed views (``dateTimeValue``, ``textValue``,
/// ``durationValue``…) interpret it on demand.
///
/// Two properties are equal when their names, parameters and values are equal; the source line
/// number is not part of equality, so a tree read back from written output equals the original.
public struct Property: Hashable, Sendable {
    /// The property name, upper-cased (`DTSTART`, `X-WR-CALNAME`).
    public var name: String
    /// The parameters in the order they were written.
    public var parameters: [Parameter]
    /// The raw value text, unfolded, escapes not decoded.
    public var value: String
    /// The 1-based line in the original text where this property began (0 when built in code).
    public var line: Int

    /// Creates a property.
    public init(name: String, parameters: [Parameter] = [], value: String, line: Int = 0) {
        self.name = name.uppercased()
        self.parameters = parameters
        self.value = value
        self.line = line
    }

    /// Creates a property whose name is already upper-case (the reader's fast path).
    init(normalizedName: String, parameters: [Parameter], value: String, line: Int) {
        self.name = normalizedName
        self.parameters = parameters
        self.value = value
        self.line = line
    }

    /// The first value of the named parameter, if present (`TZID`, `VALUE`, `RANGE`…).
    public func parameter(_ name: String) -> String? {
        let upper = name.uppercased()
        return parameters.first(where: { $0.name == upper })?.values.first
    }

    /// Sets or replaces the named parameter; `nil` removes it.
    public mutating func setParameter(_ name: String, _ value: String?) {
        let upper = name.uppercased()
        if let value {
            if let index = parameters.firstIndex(where: { $0.name == upper }) {
                parameters[index].values = [value]
            } else {
                parameters.append(Parameter(upper, value))
            }
        } else {
            parameters.removeAll { $0.name == upper }
        }
    }

    public static func == (lhs: Property, rhs: Property) -> Bool {
        lhs.name == rhs.name && lhs.value == rhs.value && lhs.parameters == rhs.parameters
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(value)
        hasher.combine(parameters)
    }
}
