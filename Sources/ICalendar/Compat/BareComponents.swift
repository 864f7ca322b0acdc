/// Some systems write calendar components with no calendar around them: a booking service's
/// "add to calendar" download, a mail client saving one event of an invitation, a script that
/// concatenates `BEGIN:VEVENT … END:VEVENT` blocks.
///
/// RFC 5545 §3.4 says an iCalendar object is `BEGIN:VCALENDAR … END:VCALENDAR`, and §3.6
/// lets `VEVENT`, `VTODO`, `VJOURNAL`, `VFREEBUSY` and `VTIMEZONE` appear only inside one.
/// What such a file means is clear all the same: the components of one calendar. The reader
/// relaxes §3.4 for them: a run of calendar components found outside any `VCALENDAR` is
/// wrapped in a `VCALENDAR` the reader adds itself (with no properties), and a warning names
/// the line where the run starts. Anything else at the top (`BEGIN:VCARD`) is still refused.
enum BareComponents {
    /// The components RFC 5545 §3.6 allows directly in a `VCALENDAR`, with RFC 7953's
    /// `VAVAILABILITY`; `X-` and IANA components are not taken as a sign of iCalendar.
    static let calendarComponentNames: Set<String> = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "VAVAILABILITY"]

    /// Whether a component found outside any `VCALENDAR` is wrapped in one.
    static func isWrapped(_ name: String) -> Bool { calendarComponentNames.contains(name) }

    /// The warning for a run of bare components starting with `BEGIN:name` at `line`.
    static func warning(file: String, line: Int, name: String) -> Diagnostic {
        Diagnostic(severity: .warning, file: file, line: line, property: "BEGIN",
                   message: "BEGIN:\(name) outside any VCALENDAR; it and the components after it are read as one calendar, wrapped in a VCALENDAR added by the reader (RFC 5545 §3.4)")
    }
}
