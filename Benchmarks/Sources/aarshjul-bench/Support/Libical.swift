import CLibical
import Foundation

/// The baseline: libical's own parser and serialiser, called as a C program would.
enum Libical {
    /// `icalparser_parse_string`: the tree, which the caller frees with ``free(_:)``.
    @inline(never)
    static func parse(_ text: UnsafePointer<CChar>) -> OpaquePointer? {
        icalparser_parse_string(text)
    }

    static func free(_ root: OpaquePointer) {
        icalcomponent_free(root)
    }

    /// `icalcomponent_as_ical_string_r`: the length in bytes of the text it writes.
    @inline(never)
    static func serializedLength(_ root: OpaquePointer) -> Int {
        guard let text = icalcomponent_as_ical_string_r(root) else { return 0 }
        defer { Foundation.free(text) }
        return strlen(text)
    }

    /// The VCALENDARs of a parse result (several come back wrapped in an XROOT).
    static func calendars(_ root: OpaquePointer) -> [OpaquePointer] {
        if icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT { return [root] }
        var found: [OpaquePointer] = []
        var child = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT)
        while let current = child {
            found.append(current)
            child = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT)
        }
        return found
    }

    /// VEVENTs directly inside the calendars.
    static func eventCount(_ root: OpaquePointer) -> Int {
        calendars(root).reduce(0) { $0 + Int(icalcomponent_count_components($1, ICAL_VEVENT_COMPONENT)) }
    }

    /// The X-LIC-ERROR properties libical put in place of values it could not read.
    static func errorCount(_ root: OpaquePointer) -> Int {
        Int(icalcomponent_count_errors(root))
    }
}
