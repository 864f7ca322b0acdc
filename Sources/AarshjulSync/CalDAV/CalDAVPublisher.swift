import Aarshjul
import Foundation
import ICalendar

/// Brings a CalDAV collection to exactly a feed's items: one resource per item (a `VEVENT` and
/// its overrides, by UID), created with `If-None-Match: *`, replaced with `If-Match` only when
/// its text changed, deleted with `If-Match` when it left the feed. Nothing else is written:
/// a second publish of the same feed sends no write.
///
/// Aarshjul touches only what it created: every event it writes carries
/// `X-AARSHJUL-FEED:<feed>`, and the resources it wrote are listed in a ``State`` the caller
/// keeps (in the sync state). A resource someone else created is never replaced or deleted;
/// one Aarshjul created and someone then edited on the server is left as they made it and
/// reported (HTTP 412), with what to do.
public struct CalDAVPublisher: Sendable {
    /// The client to write with.
    public var client: CalDAVClient
    /// The feed's name (`combined`, `conflicts`, `body-bystyret`), written into every event.
    public var feed: String

    /// Creates a publisher.
    public init(client: CalDAVClient, feed: String) {
        self.client = client
        self.feed = feed
    }

    /// What Aarshjul wrote to one resource.
    public struct Published: Codable, Hashable, Sendable {
        /// The item's UID.
        public var uid: String
        /// The entity tag after the last write, when the server gave one.
        public var etag: String?
        /// A hash of the text written, to tell whether the item changed since.
        public var digest: String

        /// Creates a record.
        public init(uid: String, etag: String?, digest: String) {
            self.uid = uid
            self.etag = etag
            self.digest = digest
        }
    }

    /// What Aarshjul has published into one collection: resource names (the last path
    /// segment) and what was written to each. Keep it between publishes.
    public struct State: Codable, Hashable, Sendable {
        /// The collection's URL.
        public var collection: String
        /// The resources written, by name.
        public var resources: [String: Published]

        /// Creates a state.
        public init(collection: String, resources: [String: Published] = [:]) {
            self.collection = collection
            self.resources = resources
        }
    }

    /// A resource left as it is because someone changed it on the server, or because it is
    /// not Aarshjul's.
    public struct Refusal: Hashable, Sendable, Codable {
        /// Why the resource was left alone.
        public enum Reason: String, Hashable, Sendable, Codable {
            /// Someone changed Aarshjul's copy on the server; the new version is not written over it.
            case changedOnServer = "changed-on-server"
            /// A resource of that name exists that Aarshjul did not publish.
            case notOurs = "not-ours"
            /// The item left the feed, but someone changed it on the server; it is not deleted.
            case changedNotDeleted = "changed-not-deleted"
        }

        /// Why the resource was left alone.
        public var reason: Reason
        /// The resource's URL.
        public var url: String
        /// The item's summary, for the message.
        public var summary: String
        /// What happened and what to do.
        public var message: String
    }

    /// What a publish did.
    public struct Outcome: Hashable, Sendable {
        /// Resources created, updated, deleted (names), and left alone because unchanged.
        public var created: [String] = []
        public var updated: [String] = []
        public var deleted: [String] = []
        public var unchanged = 0
        /// Resources not written, and why.
        public var refused: [Refusal] = []
        /// The state to keep for the next publish.
        public var state: State

        /// The number of `PUT`s and `DELETE`s that changed the server.
        public var writes: Int { created.count + updated.count + deleted.count }
    }

    /// One resource as the feed wants it.
    struct Wanted {
        var name: String
        var uid: String
        var summary: String
        var text: String
        var digest: String
    }

    /// Publishes the feed (its `VCALENDAR`s, as the engine's `FeedBuilder` makes them) into
    /// `collection`.
    ///
    /// - Parameters:
    ///   - calendars: the feed's calendars.
    ///   - collection: the calendar to publish into.
    ///   - state: what the last publish into this collection left (`nil` the first time; a
    ///     state of another collection counts as none).
    /// - Throws: ``CalDAVError`` when the server cannot be reached or refuses access: nothing
    ///   after the failure is written, and the caller keeps its previous state.
    public func publish(_ calendars: [Component], to collection: CalDAVCollection, state: State?) async throws(CalDAVError) -> Outcome {
        let previous = state?.collection == collection.url ? state?.resources ?? [:] : [:]
        var outcome = Outcome(state: State(collection: collection.url))
        let wanted = resources(of: calendars)
        var kept = outcome.state.resources
        // Resources written before without a tag (the server gave none, then or after): learn
        // their tags once, for the whole collection, rather than per item.
        let learned: [String: String] = previous.values.contains { ($0.etag ?? "").isEmpty }
            ? Dictionary(try await client.etags(collection).compactMap { resource in resource.etag.map { (resource.url, $0) } },
                         uniquingKeysWith: { a, _ in a })
            : [:]

        for item in wanted {
            let url = collection.url + item.name
            if let known = previous[item.name] {
                if known.digest == item.digest {
                    outcome.unchanged += 1
                    kept[item.name] = known
                    continue
                }
                let etag = (known.etag ?? "").isEmpty ? learned[url] : known.etag
                if let etag {
                    switch try await replace(item, url: url, etag: etag, outcome: &outcome) {
                    case .replaced(let tag):
                        kept[item.name] = Published(uid: item.uid, etag: tag, digest: item.digest)
                        outcome.updated.append(item.name)
                    case .recreated(let tag):
                        kept[item.name] = Published(uid: item.uid, etag: tag, digest: item.digest)
                        outcome.created.append(item.name)
                    case .refused:
                        kept[item.name] = known
                    }
                    continue
                }
                // Gone from the server since: created again below.
            }
            do {
                let tag = try await client.put(url, calendar: item.text, precondition: .absent)
                kept[item.name] = Published(uid: item.uid, etag: tag, digest: item.digest)
                outcome.created.append(item.name)
            } catch let error where error.kind == .preconditionFailed {
                // A resource of that name exists: Aarshjul's (a state that was lost) or someone else's.
                let existing = try await client.multiget(collection, urls: [url]).first
                if let existing, let etag = existing.etag, isOurs(existing.calendarData) {
                    if existing.calendarData == item.text {
                        // Exactly what would be written: take it back without a write.
                        kept[item.name] = Published(uid: item.uid, etag: etag, digest: item.digest)
                        outcome.unchanged += 1
                        continue
                    }
                    switch try await replace(item, url: url, etag: etag, outcome: &outcome) {
                    case .replaced(let tag):
                        kept[item.name] = Published(uid: item.uid, etag: tag, digest: item.digest)
                        outcome.updated.append(item.name)
                    case .recreated(let tag):
                        kept[item.name] = Published(uid: item.uid, etag: tag, digest: item.digest)
                        outcome.created.append(item.name)
                    case .refused:
                        break
                    }
                } else {
                    outcome.refused.append(Refusal(reason: .notOurs, url: url, summary: item.summary,
                                                   message: "\(url): a calendar item of that name exists that Aarshjul did not publish; it is left as it is and «\(item.summary)» is not published there. Move or delete that item, or publish into a calendar of its own"))
                }
            }
        }

        let names = Set(wanted.map(\.name))
        for (name, known) in previous.sorted(by: { $0.key < $1.key }) where !names.contains(name) {
            let url = collection.url + name
            do {
                try await client.delete(url, etag: known.etag)
                outcome.deleted.append(name)
            } catch let error where error.kind == .notFound {
                outcome.deleted.append(name) // gone already
            } catch let error where error.kind == .preconditionFailed {
                kept[name] = known
                outcome.refused.append(Refusal(reason: .changedNotDeleted, url: url, summary: known.uid,
                                               message: "\(url): the item (UID \(known.uid)) left the feed, but someone changed it on the server since Aarshjul published it, so it is not deleted. Delete it in the calendar app if it should go"))
            }
        }

        // Servers need not send an ETag with a PUT's answer: learn the missing ones at once.
        let needTags = (outcome.created + outcome.updated).filter { (kept[$0]?.etag ?? "").isEmpty }
        if !needTags.isEmpty {
            let tags = Dictionary(try await client.etags(collection).map { ($0.url, $0.etag) }, uniquingKeysWith: { a, _ in a })
            for name in needTags {
                kept[name]?.etag = tags[collection.url + name] ?? nil
            }
        }
        outcome.state.resources = kept
        return outcome
    }

    /// What a conditional replace did.
    enum Replacement {
        /// Replaced; the new tag ("" when the server gave none).
        case replaced(String)
        /// The resource was gone (deleted on the server): created again; the new tag.
        case recreated(String)
        /// Someone changed it meanwhile: left alone and reported.
        case refused
    }

    /// Replaces a resource if it is still the version with `etag`. A failed precondition
    /// means it changed or is gone: a create (`If-None-Match: *`) tells the two apart, and
    /// publishes the item again when someone deleted the server's copy.
    private func replace(_ item: Wanted, url: String, etag: String, outcome: inout Outcome) async throws(CalDAVError) -> Replacement {
        do {
            return .replaced(try await client.put(url, calendar: item.text, precondition: .matches(etag)) ?? "")
        } catch let error where error.kind == .preconditionFailed {
            do {
                return .recreated(try await client.put(url, calendar: item.text, precondition: .absent) ?? "")
            } catch let error where error.kind == .preconditionFailed {
                outcome.refused.append(Refusal(reason: .changedOnServer, url: url, summary: item.summary,
                                               message: "\(url): «\(item.summary)» was changed on the server since Aarshjul published it, so Aarshjul's new version is not written over it. Change the item in its source calendar, or delete the server's copy to have it published again at the next sync"))
                return .refused
            }
        }
    }

    /// Whether a resource's text carries this feed's mark.
    func isOurs(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.contains("X-AARSHJUL-FEED:\(feed)\r\n") || text.contains("X-AARSHJUL-FEED:\(feed)\n")
    }

    /// The feed split into one calendar object resource per UID: the calendar's own
    /// properties (less `METHOD`, which CalDAV does not store), the time zones its events
    /// name, and its events, each marked with the feed. Names are `aarshjul-<hash of UID>.ics`.
    func resources(of calendars: [Component]) -> [Wanted] {
        var result: [String: Wanted] = [:]
        var order: [String] = []
        for calendar in calendars {
            let header = calendar.properties.filter { $0.name != "METHOD" }
            let zones = Dictionary(calendar.components(named: "VTIMEZONE").compactMap { zone in zone.value(of: "TZID").map { ($0, zone) } },
                                   uniquingKeysWith: { a, _ in a })
            var events: [String: [Component]] = [:]
            for event in calendar.components(named: "VEVENT") {
                guard let uid = event.uid, !uid.isEmpty else { continue }
                var marked = event
                marked.properties.append(Property(name: "X-AARSHJUL-FEED", value: feed))
                if events[uid] == nil { order.append(uid) }
                events[uid, default: []].append(marked)
            }
            for (uid, items) in events {
                var used: Set<String> = []
                for item in items {
                    for property in item.properties {
                        if let tzid = property.parameter("TZID") { used.insert(tzid) }
                    }
                }
                let resource = Component(name: "VCALENDAR", properties: header,
                                         components: used.sorted().compactMap { zones[$0] } + items)
                let text = ICalendarWriter().string(resource)
                let name = "aarshjul-\(StableHash.hex(uid)).ics"
                let summary = items.first(where: { $0.property("RECURRENCE-ID") == nil })?.summary ?? items.first?.summary ?? uid
                result[uid] = Wanted(name: name, uid: uid, summary: summary, text: text, digest: StableHash.hex(text))
            }
        }
        return order.compactMap { result[$0] }
    }
}
