/// Some producers (hand-written feeds, older web calendars, scripts that join a list with
/// `", "`) put white space inside a recurrence rule: `RRULE:FREQ=WEEKLY;BYDAY=MO, TU`.
///
/// RFC 5545 §3.3.10 has no white space anywhere in `recur`: `byday = "BYDAY" "=" weekdaynum
/// *("," weekdaynum)`. The rule's meaning is clear without the spaces, and libical's parser
/// (with ``RecurrenceRule/parse(_:lenient:)``) already skips them, so the rule is read as if
/// they were not there. The validator warns, naming the rule part and the line, so the
/// producer can be told.
enum RuleListSpaces {
    /// The parts of a rule (`BYDAY=MO, TU`) with white space inside, in the order written.
    ///
    /// - Complexity: O(*n*) in the length of the rule.
    static func spacedParts(of rule: String) -> [String] {
        rule.trimmedSpaces.split(separator: ";").compactMap { part in
            let trimmed = part.trimmedSpaces
            let hasSpace = part.utf8.contains { $0 == 0x20 || $0 == 0x09 }
            return hasSpace && !trimmed.isEmpty ? trimmed : nil
        }
    }

    /// The warning for a rule with spaces, or nil when it has none.
    static func warning(file: String, line: Int, property: String, rule: String) -> Diagnostic? {
        let parts = spacedParts(of: rule)
        guard !parts.isEmpty else { return nil }
        let named = parts.map { "\"\($0)\"" }.joined(separator: ", ")
        return Diagnostic(severity: .warning, file: file, line: line, property: property,
                          message: "the rule \"\(rule.trimmedSpaces)\" has white space inside \(named) (RFC 5545 §3.3.10 allows none); it is read without it")
    }
}
