/// One occurrence of an event (or to-do, or journal entry) in an expansion window.
public struct Occurrence: Hashable, Sendable {
    /// The UID (empty when the component has none).
    public var uid: String
    /// The instance's original start, as RECURRENCE-ID identifies it; nil for a one-off item.
    public var recurrenceID: DateTimeValue?
    /// When it starts, in the kind of time its component uses (date, floating, UTC or zoned).
    public var start: DateTimeValue
    /// When it ends (exclusive).
    public var end: DateTimeValue
    /// The instant of ``start`` in seconds since the epoch; nil for dates and floating times.
    public var startUTC: Int?
    /// The instant of ``end``; nil for dates and floating times.
    public var endUTC: Int?
    /// The component whose properties apply: the master, or the override for a moved instance.
    public var component: Component

    /// Creates an occurrence.
    public init(uid: String, recurrenceID: DateTimeValue?, start: DateTimeValue, end: DateTimeValue,
                startUTC: Int?, endUTC: Int?, component: Component) {
        self.uid = uid
        self.recurrenceID = recurrenceID
        self.start = start
        self.end = end
        self.startUTC = startUTC
        self.endUTC = endUTC
        self.component = component
    }

    /// The summary, unescaped ("" when absent).
    public var summary: String { component.summary ?? "" }

    /// ``start`` in the normalised text form the conformance oracle uses: UTC `…Z` for zoned
    /// and UTC times, bare local for floating times, `YYYY-MM-DD` for dates.
    public var normalizedStart: String { Occurrence.normalized(start, instant: startUTC) }

    /// ``end`` in the normalised text form, see ``normalizedStart``.
    public var normalizedEnd: String { Occurrence.normalized(end, instant: endUTC) }

    /// A value in the normalised text form: `…Z` when `instant` is given, the bare wall time
    /// for other times, `YYYY-MM-DD` for dates.
    public static func normalizedText(_ value: DateTimeValue, instant: Int?) -> String {
        normalized(value, instant: instant)
    }

    static func normalized(_ value: DateTimeValue, instant: Int?) -> String {
        if case .date(let date) = value { return date.description }
        if let instant { return LocalDateTime(secondsSinceEpoch: instant).description + "Z" }
        return value.local.description
    }
}
