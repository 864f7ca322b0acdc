/// The Aarshjul engine: reads the calendars of the municipality and the university and builds
/// one combined annual cycle. This module grows with the configuration, merge, cycle, rules,
/// feeds and wheel; the iCalendar layer underneath is `ICalendar`.
public enum AarshjulEngine {
    /// The product's version string.
    public static let version = "0.1.0"
}
