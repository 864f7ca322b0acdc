/// Checks the values of the properties whose type RFC 5545 fixes, after the tree is built.
///
/// A value that does not parse becomes an error diagnostic naming the file, line and property;
/// the property stays in the tree as written (so nothing is lost on writing), and the expander
/// ignores it where its meaning is needed. `X-LIC-ERROR` properties that an earlier libical
/// pass left in a file are reported too.
struct Validator {
    let fileName: String

    private static let dateTimeProperties: Set<String> = [
        "DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "DTSTAMP", "CREATED", "LAST-MODIFIED", "COMPLETED",
    ]
    private static let integerProperties: Set<String> = ["SEQUENCE", "PRIORITY", "PERCENT-COMPLETE", "REPEAT"]

    func validate(_ document: inout ICalendarDocument) {
        var found: [Diagnostic] = []
        for calendar in document.calendars {
            if calendar.name != "VCALENDAR" { continue }
            check(calendar, into: &found)
        }
        document.diagnostics.append(contentsOf: found)
    }

    private func check(_ component: Component, into found: inout [Diagnostic]) {
        for property in component.properties {
            if let problem = problem(with: property, in: component.name) {
                found.append(Diagnostic(severity: .error, file: fileName, line: property.line, property: property.name, message: problem))
            } else if property.name == "RRULE" || property.name == "EXRULE",
                      let warning = RuleListSpaces.warning(file: fileName, line: property.line, property: property.name, rule: property.value) {
                found.append(warning)
            }
        }
        switch component.name {
        case "VEVENT", "VTODO", "VJOURNAL":
            if component.property("UID") == nil {
                found.append(Diagnostic(severity: .warning, file: fileName, line: component.line, property: component.name,
                                        message: "no UID; the item cannot be matched with other versions of itself"))
            }
            if component.name == "VEVENT", component.property("DTSTART") == nil {
                found.append(Diagnostic(severity: .error, file: fileName, line: component.line, property: component.name,
                                        message: "no DTSTART; the event has no time and is left out of expansion"))
            }
            if component.property("DTEND") != nil, component.property("DURATION") != nil {
                found.append(Diagnostic(severity: .error, file: fileName, line: component.property("DURATION")?.line ?? component.line,
                                        property: "DURATION", message: "both DTEND and DURATION are given; DTEND is used"))
            } else if let problem = endOutOfRange(component) {
                found.append(problem)
            }
        default:
            break
        }
        for child in component.components { check(child, into: &found) }
    }

    private func problem(with property: Property, in component: String) -> String? {
        let name = property.name
        if property.value.containsByte(where: { $0 == 0x0D })
            || property.parameters.contains(where: { $0.values.contains { $0.containsByte(where: { $0 == 0x0D }) } }) {
            return "a bare carriage return inside the value is not allowed in iCalendar text; it is dropped when the calendar is written"
        }
        if name == "X-LIC-ERROR" {
            return "libical reported an error here when the file was written: \(property.textValue)"
        }
        if Self.dateTimeProperties.contains(name) {
            let valueType = property.parameter("VALUE")?.uppercased()
            if component == "STANDARD" || component == "DAYLIGHT" {
                return DateTimeValue.parse(property.value) == nil ? "\"\(property.value)\" is not a DATE-TIME (expected YYYYMMDDTHHMMSS)" : nil
            }
            guard let value = DateTimeValue.parse(property.value.trimmedSpaces, tzid: property.parameter("TZID")) else {
                return valueType == "DATE"
                    ? "\"\(property.value)\" is not a DATE (expected YYYYMMDD)"
                    : "\"\(property.value)\" is not a DATE-TIME (expected YYYYMMDDTHHMMSS, with Z for UTC, or YYYYMMDD with VALUE=DATE)"
            }
            if valueType == "DATE", !value.isDate { return "VALUE=DATE but \"\(property.value)\" has a time" }
            return nil
        }
        let valueType = (name == "EXDATE" || name == "RDATE" || name == "TRIGGER") ? property.parameter("VALUE")?.uppercased() : nil
        switch name {
        case "EXDATE", "RDATE":
            if valueType == "PERIOD" {
                guard property.periodValues == nil else { return nil }
                let durations = property.value.split(separator: ",").compactMap { $0.split(separator: "/").dropFirst().first }
                if let long = durations.first(where: { ICalDuration.read(String($0)) == .failure(.outOfRange) }) {
                    return "\"\(long)\" in \"\(property.value)\" is out of range: a DURATION can be no longer than the 10,000 years from 0000-01-01 to 9999-12-31"
                }
                return "\"\(property.value)\" is not a list of PERIODs (start/end or start/duration)"
            }
            if property.dateTimeValues == nil {
                return "\"\(property.value)\" is not a list of DATE or DATE-TIME values"
            }
        case "DURATION":
            if component != "VALARM" {
                return durationProblem(property.value, example: "PT1H30M or P1D")
            }
        case "RRULE", "EXRULE":
            if case .failure(let error) = RecurrenceRule.parse(property.value) {
                return "\"\(property.value)\" is not a recurrence rule: \(error)"
            }
        case "TZOFFSETFROM", "TZOFFSETTO":
            if property.utcOffsetValue == nil { return "\"\(property.value)\" is not a UTC offset (expected +HHMM)" }
        case "TRIGGER":
            if valueType == "DATE-TIME" {
                if DateTimeValue.parse(property.value) == nil { return "\"\(property.value)\" is not a DATE-TIME" }
            } else {
                return durationProblem(property.value, example: "-PT15M")
            }
        default:
            if Self.integerProperties.contains(name), property.integerValue == nil {
                return "\"\(property.value)\" is not a whole number"
            }
        }
        return nil
    }

    private func durationProblem(_ value: String, example: String) -> String? {
        switch ICalDuration.read(value) {
        case .success: return nil
        case .failure(.notADuration): return "\"\(value)\" is not a DURATION (expected e.g. \(example))"
        case .failure(.outOfRange):
            return "\"\(value)\" is out of range: a DURATION can be no longer than the 10,000 years from 0000-01-01 to 9999-12-31"
        }
    }

    /// DTSTART plus DURATION past 9999-12-31 (or before year 0000): an end iCalendar cannot write.
    private func endOutOfRange(_ component: Component) -> Diagnostic? {
        guard let duration = component.property("DURATION"), let length = duration.durationValue, !length.isNegative,
              let start = component.property("DTSTART")?.dateTimeValue,
              CalendarRange.end(of: start.local, plus: length) == nil else { return nil }
        return Diagnostic(severity: .error, file: fileName, line: duration.line, property: "DURATION",
                          message: "DTSTART \(start) plus \(length) ends after 9999-12-31T23:59:59, out of the range of iCalendar dates; the item is left out of expansion")
    }
}
