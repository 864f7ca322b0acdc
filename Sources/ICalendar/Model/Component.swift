/// An iCalendar component (`VCALENDAR`, `VEVENT`, `VTIMEZONE`, `VALARM`, `X-…`) with its
/// properties and sub-components, in the order they were written.
///
/// This is a lossless value tree: every property and parameter of the input is kept, X- and
/// unknown ones included. Equality ignores source line numbers.
public struct Component: Hashable, Sendable {
    /// The component name, upper-cased (`VEVENT`).
    public var name: String
    /// The properties in the order they were written.
    public var properties: [Property]
    /// The sub-components in the order they were written.
    public var components: [Component]
    /// The 1-based line of the `BEGIN:` line in the original text (0 when built in code).
    public var line: Int

    /// Creates a component.
    public init(name: String, properties: [Property] = [], components: [Component] = [], line: Int = 0) {
        self.name = name.uppercased()
        self.properties = properties
        self.components = components
        self.line = line
    }

    /// The first property with this name.
    ///
    /// - Complexity: O(*p*), the number of properties.
    public func property(_ name: String) -> Property? {
        let upper = name.uppercased()
        return properties.first(where: { $0.name == upper })
    }

    /// Every property with this name, in order.
    public func properties(named name: String) -> [Property] {
        let upper = name.uppercased()
        return properties.filter { $0.name == upper }
    }

    /// The sub-components with this name, in order.
    public func components(named name: String) -> [Component] {
        let upper = name.uppercased()
        return components.filter { $0.name == upper }
    }

    /// The first value of a property, as raw text.
    public func value(of name: String) -> String? { property(name)?.value }

    /// Replaces the first property of that name, or appends it.
    public mutating func setProperty(_ property: Property) {
        if let index = properties.firstIndex(where: { $0.name == property.name }) {
            properties[index] = property
        } else {
            properties.append(property)
        }
    }

    /// Removes every property with this name.
    public mutating func removeProperties(named name: String) {
        let upper = name.uppercased()
        properties.removeAll { $0.name == upper }
    }

    /// The `UID` as text, if present.
    public var uid: String? { property("UID").map { $0.textValue } }

    /// The `SUMMARY` as unescaped text, if present.
    public var summary: String? { property("SUMMARY").map { $0.textValue } }

    /// Every component in this tree, depth first, this one included.
    public func walk(_ visit: (Component) -> Void) {
        visit(self)
        for child in components { child.walk(visit) }
    }

    public static func == (lhs: Component, rhs: Component) -> Bool {
        lhs.name == rhs.name && lhs.properties == rhs.properties && lhs.components == rhs.components
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(properties)
        hasher.combine(components)
    }
}
