import Aarshjul
import Foundation
import ICalendar

/// The local copy of a CalDAV calendar: every calendar object resource with its entity tag and
/// text, and the sync token of the last fetch. Kept between syncs (it is the "last good copy"
/// of a CalDAV source), so each sync transfers only what changed.
public struct CalDAVMirror: Codable, Hashable, Sendable {
    /// The collection's URL.
    public var collection: String
    /// The `sync-collection` token of the last fetch, when the server has them.
    public var syncToken: String?
    /// The window the first fetch asked for (UTC DATE-TIME texts), kept so a full refetch asks
    /// for the same.
    public var from: String
    public var to: String
    /// The resources, by URL.
    public var resources: [String: Resource]

    /// One resource's entity tag and iCalendar text.
    public struct Resource: Codable, Hashable, Sendable {
        /// The entity tag.
        public var etag: String?
        /// The iCalendar text.
        public var text: String

        /// Creates a resource.
        public init(etag: String?, text: String) {
            self.etag = etag
            self.text = text
        }
    }

    /// Creates an empty mirror.
    public init(collection: String, from: String, to: String, syncToken: String? = nil, resources: [String: Resource] = [:]) {
        self.collection = collection
        self.from = from
        self.to = to
        self.syncToken = syncToken
        self.resources = resources
    }

    /// The whole calendar as one `VCALENDAR`: every resource's events, and each time zone once
    /// (the first definition of a TZID, in URL order). Resources whose text cannot be read are
    /// left out and named in `problems`.
    public func combined() -> (text: String, problems: [String]) {
        var zones: [String: Component] = [:]
        var zoneOrder: [String] = []
        var events: [Component] = []
        var problems: [String] = []
        for url in resources.keys.sorted() {
            guard let resource = resources[url] else { continue }
            let document: ICalendarDocument
            do {
                document = try ICalendarReader().read(resource.text, fileName: url)
            } catch {
                problems.append("\(url): \(error)")
                continue
            }
            for calendar in document.calendars {
                for component in calendar.components {
                    if component.name == "VTIMEZONE", let tzid = component.value(of: "TZID") {
                        if zones[tzid] == nil {
                            zones[tzid] = component
                            zoneOrder.append(tzid)
                        }
                    } else if component.name != "VTIMEZONE" {
                        events.append(component)
                    }
                }
            }
        }
        let calendar = Component(name: "VCALENDAR", properties: [
            Property(name: "VERSION", value: "2.0"),
            Property(name: "PRODID", value: "-//Aarshjul//CalDAV mirror//NO"),
        ], components: zoneOrder.compactMap { zones[$0] } + events)
        return (ICalendarWriter().string(calendar), problems)
    }
}

/// How a CalDAV source was brought up to date.
public struct CalDAVRefresh: Hashable, Sendable {
    /// How the changes were found.
    public enum Method: String, Hashable, Sendable {
        /// `calendar-query` of the whole window: the first fetch, or after a stale token.
        case full
        /// `sync-collection` with the stored token.
        case syncCollection = "sync-collection"
        /// Entity tags compared (`PROPFIND` depth 1), changed ones fetched by `calendar-multiget`.
        case etags
    }

    /// The mirror after the fetch.
    public var mirror: CalDAVMirror
    /// How the changes were found.
    public var method: Method
    /// Resources fetched (new or changed) and removed.
    public var fetched: Int
    public var removed: Int
    /// Why a full fetch was made instead of the incremental one, when it was.
    public var note: String?
}

/// Brings a ``CalDAVMirror`` up to date: a full `calendar-query` the first time, then
/// `sync-collection` with the stored token (a full fetch again when the server no longer knows
/// it), or, for servers without `sync-collection`, entity tags compared and the changed members
/// fetched by `calendar-multiget`.
///
/// The caller keeps the previous mirror on every thrown error, and also when the combined
/// calendar is then refused by the sync's checks (the `[sync] max-shrink` guard of
/// `SourceLoader`, which holds back a calendar that suddenly lost most of its events): a mirror
/// is only stored with the copy it produced.
public struct CalDAVSourceReader: Sendable {
    /// The client.
    public var client: CalDAVClient

    /// Creates a reader.
    public init(client: CalDAVClient) {
        self.client = client
    }

    /// Refreshes `mirror` (or fetches `collection` in `[from, to)` the first time).
    public func refresh(_ collection: CalDAVCollection, mirror: CalDAVMirror?, from: String, to: String) async throws(CalDAVError) -> CalDAVRefresh {
        guard var current = mirror, current.collection == collection.url, current.from == from, current.to == to else {
            return try await full(collection, from: from, to: to, note: nil)
        }
        if collection.supportsSyncCollection, let token = current.syncToken {
            let changes: CalDAVChanges
            do {
                changes = try await client.syncCollection(collection, token: token)
            } catch let error where error.kind == .invalidSyncToken {
                return try await full(collection, from: from, to: to, note: error.message)
            }
            let fetched = try await client.multiget(collection, urls: changes.changed.map(\.url))
            for resource in fetched {
                current.resources[resource.url] = CalDAVMirror.Resource(etag: resource.etag, text: resource.calendarData ?? "")
            }
            for url in changes.removed { current.resources[url] = nil }
            current.syncToken = changes.syncToken ?? token
            return CalDAVRefresh(mirror: current, method: .syncCollection, fetched: fetched.count, removed: changes.removed.count)
        }
        // No sync-collection: compare entity tags.
        let tags = try await client.etags(collection)
        let present = Set(tags.map(\.url))
        let changed = tags.filter { current.resources[$0.url]?.etag != $0.etag || $0.etag == nil }.map(\.url)
        let fetched = try await client.multiget(collection, urls: changed)
        for resource in fetched {
            current.resources[resource.url] = CalDAVMirror.Resource(etag: resource.etag, text: resource.calendarData ?? "")
        }
        let removed = current.resources.keys.filter { !present.contains($0) }
        for url in removed { current.resources[url] = nil }
        return CalDAVRefresh(mirror: current, method: .etags, fetched: fetched.count, removed: removed.count)
    }

    private func full(_ collection: CalDAVCollection, from: String, to: String, note: String?) async throws(CalDAVError) -> CalDAVRefresh {
        // The token first: changes made while the query runs then show up in the next sync.
        var token: String?
        if collection.supportsSyncCollection {
            token = try? await client.syncCollection(collection, token: nil).syncToken
        }
        let resources = try await client.calendarQuery(collection, from: from, to: to)
        var mirror = CalDAVMirror(collection: collection.url, from: from, to: to, syncToken: token)
        for resource in resources {
            mirror.resources[resource.url] = CalDAVMirror.Resource(etag: resource.etag, text: resource.calendarData ?? "")
        }
        return CalDAVRefresh(mirror: mirror, method: .full, fetched: resources.count, removed: 0, note: note)
    }
}
