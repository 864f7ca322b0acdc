import Aarshjul
import Crypto
import Foundation
import ICalendar

/// How one source fared in a sync.
public struct SourceStatus: Hashable, Sendable, Codable {
    /// What the sync did with the source.
    public enum State: String, Hashable, Sendable, Codable {
        /// A new copy was fetched or read, and it differs from the last one.
        case updated
        /// The copy fetched or read is the one held (same bytes).
        case unchanged
        /// The server said `304 Not Modified`.
        case notModified = "not-modified"
        /// The fetch failed or its content was refused; the last good copy is used.
        case stale
        /// The fetch failed and there is no earlier copy: the source has no items this time.
        case unavailable
    }

    /// The source's id.
    public var source: String
    /// The source's name.
    public var name: String
    /// The path or address.
    public var origin: String
    /// What happened.
    public var state: State
    /// How many events the copy in use has.
    public var events: Int
    /// When the copy in use was fetched.
    public var fetchedAt: Date?
    /// When the source last confirmed its copy (fetched it, or `304`).
    public var checkedAt: Date?
    /// Why the fetch failed or was refused (for `stale` and `unavailable`).
    public var reason: String?
    /// How long the fetch took, in seconds (url and caldav sources).
    public var seconds: Double?

    /// Whether the source's items are current (not `stale` or `unavailable`).
    public var isCurrent: Bool { state != .stale && state != .unavailable }
}

/// A source's progress, for a progress line on a terminal.
public enum SourceProgress: Sendable {
    /// A fetch started.
    case started(source: String, origin: String)
    /// It finished.
    case finished(SourceStatus)
}

/// The result of loading one source: its status, the calendar to use, and the snapshot to
/// store.
struct LoadedSource: Sendable {
    var status: SourceStatus
    var calendar: SourceCalendar?
    var snapshot: SourceSnapshot?
    /// A CalDAV source's new mirror, stored with the snapshot; `nil` keeps the previous one.
    var mirror: CalDAVMirror?
}

/// Reads every source: files from disk, addresses through a ``SourceFetching``, CalDAV
/// calendars through its ``CalDAVClient``, all at once; checks what came back, and falls back
/// on the last good copy.
struct SourceLoader: Sendable {
    var settings: SyncSettings
    var fetcher: any SourceFetching
    var now: Date
    /// The environment `password-env` names are looked up in.
    var environment: [String: String] = [:]
    /// The window a CalDAV source's first fetch asks for (UTC DATE-TIME texts).
    var window = CalDAVWindow(from: "19700101T000000Z", to: "21000101T000000Z")

    /// Loads one source against its last snapshot (and, for a CalDAV source, its mirror): gets
    /// the bytes (file, address or CalDAV collection), keeps the copy held when they are the
    /// same, and otherwise takes them only when they are a whole calendar and not suspiciously
    /// emptier; every failure falls back on the last good copy.
    func load(_ source: SourceSettings, snapshot previous: SourceSnapshot?, mirror: CalDAVMirror? = nil) async -> LoadedSource {
        // A snapshot of another path or address is not this source's last good copy.
        let previous = previous?.origin == source.origin ? previous : nil
        var attempt = Attempt(loader: self, source: source, previous: previous)
        let fetched: Fetched
        if let path = source.path {
            fetched = readFile(path)
        } else if let url = source.url {
            fetched = await fetch(url, previous: previous)
        } else if let address = source.caldav {
            fetched = await fetchCalDAV(address, source: source, mirror: previous == nil ? nil : mirror)
        } else {
            fetched = .refused("the source has neither path, url nor caldav")
        }
        attempt.stopClock()
        switch fetched {
        case .refused(let reason):
            return attempt.refuse(reason)
        case .notModified:
            guard let previous, let confirmed = attempt.confirm(previous, as: .notModified, validators: previous.validators) else {
                return attempt.refuse("\(source.origin): the server answered 304 Not Modified, but there is no earlier copy")
            }
            return confirmed
        case .bytes(let bytes, let validators, let mirror):
            attempt.freshMirror = mirror
            return attempt.accept(bytes, validators: validators)
        }
    }

    /// What getting a source's bytes gave.
    private enum Fetched {
        /// The bytes, their validators and (CalDAV) the collection's new mirror.
        case bytes([UInt8], FetchValidators, CalDAVMirror?)
        /// The server says the copy held is current.
        case notModified
        /// No usable bytes, and why.
        case refused(String)
    }

    private func readFile(_ path: String) -> Fetched {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard data.count <= settings.maxBytes else {
                return .refused("\(path): the file is larger than the limit of \(HTTPSourceFetcher.size(settings.maxBytes)) ([sync] max-size)")
            }
            return .bytes([UInt8](data), FetchValidators(), nil)
        } catch {
            return .refused("\(path): cannot be read (\(SystemErrorReason.text(for: error)))")
        }
    }

    private func fetch(_ url: String, previous: SourceSnapshot?) async -> Fetched {
        do {
            switch try await fetcher.fetch(url, validators: previous?.validators.isEmpty == false ? previous?.validators : nil) {
            case .notModified: return .notModified
            case .fetched(let body, let validators): return .bytes(body, validators, nil)
            }
        } catch {
            return .refused(error.message)
        }
    }

    private func fetchCalDAV(_ address: String, source: SourceSettings, mirror: CalDAVMirror?) async -> Fetched {
        do throws(FetchError) {
            let password = try CalDAVLogin.password(named: source.passwordEnv, in: environment, for: address)
            guard let client = fetcher.calDAVClient(username: source.username, password: password) else {
                return .refused("\(address): this sync cannot reach calendar servers (CalDAV)")
            }
            let collection = try await client.discover(address, calendar: source.calendar)
            let refresh = try await CalDAVSourceReader(client: client).refresh(collection, mirror: mirror, from: window.from, to: window.to)
            return .bytes(Array(refresh.mirror.combined().text.utf8), FetchValidators(), refresh.mirror)
        } catch {
            return .refused(error.message)
        }
    }

    /// One source's load in progress: its status as it is filled in, and the three ways it
    /// ends (a new copy, the copy held confirmed, or the copy held kept after a failure).
    private struct Attempt {
        let loader: SourceLoader
        let source: SourceSettings
        let previous: SourceSnapshot?
        var status: SourceStatus
        /// A CalDAV source's new mirror, stored with the snapshot.
        var freshMirror: CalDAVMirror?
        private let started = ContinuousClock.now

        init(loader: SourceLoader, source: SourceSettings, previous: SourceSnapshot?) {
            self.loader = loader
            self.source = source
            self.previous = previous
            status = SourceStatus(source: source.id, name: source.name, origin: source.origin, state: .updated, events: 0)
        }

        /// Records how long the fetch took (not for files).
        mutating func stopClock() {
            status.seconds = source.path != nil ? nil : (ContinuousClock.now - started).seconds
        }

        /// The copy held, confirmed as current now.
        mutating func confirm(_ held: SourceSnapshot, as state: SourceStatus.State, validators: FetchValidators) -> LoadedSource? {
            guard let calendar = try? SourceLoader.read(held.content, source: source) else { return nil }
            var held = held
            held.checkedAt = loader.now
            held.validators = validators
            held.lastError = nil
            held.lastErrorAt = nil
            status.state = state
            status.events = held.eventCount
            status.fetchedAt = held.fetchedAt
            status.checkedAt = loader.now
            return LoadedSource(status: status, calendar: calendar, snapshot: held, mirror: freshMirror)
        }

        /// The last good copy with `reason` recorded, or nothing when there is none.
        mutating func refuse(_ reason: String) -> LoadedSource {
            status.reason = reason
            guard var previous, let calendar = try? SourceLoader.read(previous.content, source: source) else {
                status.state = .unavailable
                return LoadedSource(status: status, calendar: nil, snapshot: nil)
            }
            status.state = .stale
            status.events = previous.eventCount
            status.fetchedAt = previous.fetchedAt
            status.checkedAt = previous.checkedAt
            previous.lastError = reason
            previous.lastErrorAt = loader.now
            return LoadedSource(status: status, calendar: calendar, snapshot: previous)
        }

        /// New bytes: the copy held when they are the same; otherwise a new copy when they are a
        /// whole calendar and not suspiciously emptier than the last good one.
        mutating func accept(_ bytes: [UInt8], validators: FetchValidators) -> LoadedSource {
            let hash = SourceLoader.sha256(bytes)
            if let previous, previous.contentHash == hash, let confirmed = confirm(previous, as: .unchanged, validators: validators) {
                return confirmed
            }
            let calendar: SourceCalendar
            do {
                calendar = try SourceLoader.read(bytes, source: source)
            } catch {
                return refuse("\(source.origin): not a usable calendar: \(error.message)")
            }
            let events = SourceLoader.eventCount(calendar.document)
            let settings = loader.settings
            if let previous, previous.eventCount >= SyncSettings.shrinkGuardMinimum, settings.maxShrink < 1,
               Double(events) < Double(previous.eventCount) * (1 - settings.maxShrink) {
                return refuse("\(source.origin): has \(events) events where the last good copy had \(previous.eventCount); held back as a likely broken export ([sync] max-shrink = \(settings.maxShrink))")
            }
            status.state = .updated
            status.events = events
            status.fetchedAt = loader.now
            status.checkedAt = loader.now
            let snapshot = SourceSnapshot(source: source.id, origin: source.origin, content: bytes, contentHash: hash, eventCount: events,
                                          validators: validators, fetchedAt: loader.now, checkedAt: loader.now)
            return LoadedSource(status: status, calendar: calendar, snapshot: snapshot, mirror: freshMirror)
        }
    }

    /// Parses a copy as the source's calendar; errors name the path or address.
    static func read(_ bytes: [UInt8], source: SourceSettings) throws(ICalendarError) -> SourceCalendar {
        let document: ICalendarDocument
        do {
            document = try ICalendarReader().read(Data(bytes), fileName: source.path ?? source.url ?? source.caldav ?? source.id)
        } catch let error as ICalendarError {
            throw error
        } catch {
            throw ICalendarError(file: source.path ?? source.url ?? source.caldav ?? source.id, line: 0, message: "\(error)")
        }
        return SourceCalendar(id: source.id, name: source.name, document: document)
    }

    static func eventCount(_ document: ICalendarDocument) -> Int {
        document.calendars.reduce(0) { $0 + $1.components.count(where: { $0.name == "VEVENT" }) }
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
