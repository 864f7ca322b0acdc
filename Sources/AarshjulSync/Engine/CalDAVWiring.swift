import Aarshjul
import Foundation

/// The time range a CalDAV source's first fetch asks for, as UTC DATE-TIME texts
/// (`20260101T000000Z`).
struct CalDAVWindow: Hashable, Sendable {
    var from: String
    var to: String

    /// From the first of January of the year before the cycle year to the first of January
    /// three years after it: the cycle year, its neighbours, and a cycle year that starts in
    /// autumn. It moves once a year, and the fetch after the move is a full one.
    init(year: CycleYear) {
        from = "\(year.year - 1)0101T000000Z"
        to = "\(year.year + 3)0101T000000Z"
    }

    init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// The password a `password-env` names.
enum CalDAVLogin {
    /// The value of the variable `name` in `environment`, or `nil` when no variable is named.
    ///
    /// - Throws: ``FetchError/Kind/unauthorized`` when the variable is not set or empty.
    static func password(named name: String?, in environment: [String: String], for address: String) throws(FetchError) -> String? {
        guard let name else { return nil }
        guard let value = environment[name], !value.isEmpty else {
            throw FetchError(kind: .unauthorized, message: "\(address): the environment variable \(name) (password-env) is not set or is empty, so there is no password to log in with; set it where aarshjul runs, e.g. export \(name)='…'")
        }
        return value
    }
}

/// How one `[[publish]]` target fared in a sync.
public struct PublishStatus: Hashable, Sendable, Codable {
    /// What the sync did with the target.
    public enum State: String, Hashable, Sendable, Codable {
        /// The calendar now holds exactly the feed's items, less any refused.
        case published
        /// The server could not be reached or refused access: what was not written is tried
        /// again at the next sync.
        case failed
        /// Not published, because a source had no copy at all: publishing would have deleted
        /// its items from the calendar.
        case heldBack = "held-back"
    }

    /// The feed's name.
    public var feed: String
    /// The configured address (`caldav`).
    public var address: String
    /// The calendar collection discovery found, when it got that far.
    public var collection: String?
    /// What happened.
    public var state: State
    /// Items created on the server (`PUT` with `If-None-Match: *`).
    public var created: Int
    /// Items replaced because they changed (`PUT` with `If-Match`).
    public var updated: Int
    /// Items deleted because they left the feed (`DELETE` with `If-Match`).
    public var deleted: Int
    /// Items left alone because they did not change (no request).
    public var unchanged: Int
    /// Items not written because of an edit on the server or a resource that is not
    /// Aarshjul's.
    public var refused: [CalDAVPublisher.Refusal]
    /// Why the publish failed (`failed`), in English, naming the address.
    public var reason: String?
    /// The sources without any copy (`held-back`).
    public var missingSources: [String]
    /// How long it took, in seconds.
    public var seconds: Double?

    /// Creates a status.
    public init(feed: String, address: String, collection: String? = nil, state: State, created: Int = 0, updated: Int = 0,
                deleted: Int = 0, unchanged: Int = 0, refused: [CalDAVPublisher.Refusal] = [], reason: String? = nil,
                missingSources: [String] = [], seconds: Double? = nil) {
        self.feed = feed
        self.address = address
        self.collection = collection
        self.state = state
        self.created = created
        self.updated = updated
        self.deleted = deleted
        self.unchanged = unchanged
        self.refused = refused
        self.reason = reason
        self.missingSources = missingSources
        self.seconds = seconds
    }
}

/// Brings each `[[publish]]` target to its feed's items with ``CalDAVPublisher``.
struct FeedPublishing: Sendable {
    var fetcher: any SourceFetching
    var environment: [String: String]

    /// Publishes `target`; returns its status and, unless it failed or was held back, the
    /// state to keep.
    ///
    /// - Parameters:
    ///   - feeds: the sync's feeds; a feed the sync did not make (a body with no items this
    ///     year) is published as empty.
    ///   - missingSources: sources that have no copy at all this sync; when any, nothing is
    ///     published.
    func publish(_ target: PublishSettings, feeds: [Feed], state: CalDAVPublisher.State?,
                 missingSources: [String]) async -> (status: PublishStatus, state: CalDAVPublisher.State?) {
        var status = PublishStatus(feed: target.feed, address: target.caldav, state: .failed)
        guard missingSources.isEmpty else {
            status.state = .heldBack
            status.missingSources = missingSources
            return (status, nil)
        }
        let clock = ContinuousClock.now
        let calendars = feeds.first { $0.name == target.feed }.map { [$0.calendar] } ?? []
        do throws(FetchError) {
            let password = try CalDAVLogin.password(named: target.passwordEnv, in: environment, for: target.caldav)
            guard let client = fetcher.calDAVClient(username: target.username, password: password) else {
                throw FetchError(kind: .invalidAddress, message: "\(target.caldav): this sync cannot reach calendar servers (CalDAV)")
            }
            let collection = try await client.discover(target.caldav, calendar: target.calendar)
            status.collection = collection.url
            let outcome = try await CalDAVPublisher(client: client, feed: target.feed).publish(calendars, to: collection, state: state)
            status.state = .published
            status.created = outcome.created.count
            status.updated = outcome.updated.count
            status.deleted = outcome.deleted.count
            status.unchanged = outcome.unchanged
            status.refused = outcome.refused
            status.seconds = (ContinuousClock.now - clock).seconds
            return (status, outcome.state)
        } catch {
            status.reason = error.message
            status.seconds = (ContinuousClock.now - clock).seconds
            return (status, nil)
        }
    }
}
