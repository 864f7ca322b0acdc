/// Steps through a rule's instances in the wall time of DTSTART.
///
/// Where the expansion lives: a Gregorian rule (no `RSCALE`) is expanded in Swift by
/// ``GregorianRuleIterator``, the RFC 5545 §3.3.10 algorithm written out, because libical
/// 3.0.16's iterator gets whole classes of rules wrong (BYMONTHDAY under DAILY, BYWEEKNO
/// without BYDAY, BYSETPOS under WEEKLY, …) and patching its output class by class would
/// never end. libical stays the judge of the rule text (``RecurrenceRule/parse(_:lenient:)``)
/// and iterates the rules only it can: other calendar scales (RFC 7529), through
/// ``LibicalRuleIterator``.
///
/// Not `Sendable` (the libical side owns a C iterator); use it on one task.
final class RuleIterator {
    private var gregorian: GregorianRuleIterator?
    private let libical: LibicalRuleIterator?

    /// `start` is DTSTART's wall time; `jumpTo`, when given and the rule has no COUNT, skips
    /// ahead to instances at or after that wall time; `horizon`, when given, ends the
    /// iteration there (the caller wants nothing later). Nil when the rule cannot be iterated:
    /// a SECONDLY, MINUTELY or HOURLY rule on an all-day item, or a sub-daily RSCALE rule with
    /// BYSETPOS.
    init?(rule: RecurrenceRule, start: LocalDateTime, isDate: Bool, jumpTo: LocalDateTime?, horizon: LocalDateTime? = nil) {
        if isDate && rule.frequency.isSubDaily { return nil }
        if let parts = RuleComponents(rule: rule, start: start) {
            gregorian = GregorianRuleIterator(parts: parts, start: start, isDate: isDate, jumpTo: jumpTo, horizon: horizon)
            libical = nil
        } else {
            guard let iterator = LibicalRuleIterator(rule: rule, start: start, isDate: isDate, jumpTo: jumpTo) else { return nil }
            libical = iterator
        }
    }

    /// The next instance's wall time, or nil at the end of the rule.
    func next() -> LocalDateTime? {
        if gregorian != nil { return gregorian?.next() }
        return libical?.next()
    }
}
