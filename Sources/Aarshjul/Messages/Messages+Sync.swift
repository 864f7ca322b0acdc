/// `aarshjul sync` and `aarshjul changes` (`SyncReportText` of the `AarshjulSync` module) and the sync
/// command's progress lines. Times arrive formatted (``time``, ``date``).
public struct SyncMessages: Sendable {
    /// A date: `16.12.2027`, `16 Dec 2027`, from the day, the month and the year.
    public let date: @Sendable (_ day: Int, _ month: Int, _ year: Int) -> String
    /// A date with a time of day, from the date and the hour and minute (two digits each).
    public let time: @Sendable (_ date: String, _ hour: String, _ minute: String) -> String
    /// The report's first line, from the moment and the cycle year.
    public let title: @Sendable (_ moment: String, _ year: String) -> String
    /// The first line with the previous sync, from the moment, the previous one and the cycle year.
    public let titleWithPrevious: @Sendable (_ moment: String, _ previous: String, _ year: String) -> String
    /// The sources' heading.
    public let sources: String
    /// After the first sync, from the items recorded.
    public let firstSync: @Sendable (_ count: Int) -> String
    /// When no item changed.
    public let noChanges: String
    /// The changes' heading.
    public let changesHeading: String
    /// The conflicts' line, from the new, resolved and open ones.
    public let conflicts: @Sendable (_ new: Int, _ resolved: Int, _ open: Int) -> String
    /// After the conflicts' line when some are accepted, from their count.
    public let acceptedConflicts: @Sendable (_ count: Int) -> String
    /// Before a new conflict (padded to line up with ``resolvedConflict``).
    public let newConflict: String
    /// Before a resolved conflict.
    public let resolvedConflict: String
    /// An `[[accept]]` that matches no conflict, from its id.
    public let staleAcceptance: @Sendable (_ id: String) -> String
    /// The feeds written, from their count and the directory.
    public let feedsWritten: @Sendable (_ count: Int, _ directory: String) -> String
    /// After ``feedsWritten`` when sequences were raised, from their count.
    public let raisedSequences: @Sendable (_ count: Int) -> String
    /// The publications' heading.
    public let published: String
    /// A target's counts, from the created, updated, deleted and unchanged items.
    public let publishCounts: @Sendable (_ created: Int, _ updated: Int, _ deleted: Int, _ unchanged: Int) -> String
    /// After ``publishCounts`` when items were refused, from their count.
    public let notWritten: @Sendable (_ count: Int) -> String
    /// A failed target, before the reason.
    public let publishFailed: String
    /// A target held back, from the sources without a copy.
    public let heldBack: @Sendable (_ sources: String) -> String
    /// An item changed on the server, from its summary in quotes.
    public let changedOnServer: @Sendable (_ item: String) -> String
    /// An item of the same name not made by Aarshjul, from the summary in quotes.
    public let notOurs: @Sendable (_ item: String) -> String
    /// An item that left the feed but was changed on the server, from its summary in quotes.
    public let changedNotDeleted: @Sendable (_ item: String) -> String
    /// A source's events.
    public let event: Plural
    /// A new version of a source, before its events.
    public let newVersion: String
    /// An unchanged source, before its events.
    public let unchanged: String
    /// An unchanged source (HTTP 304), before its events.
    public let notModified: String
    /// A stale source, from its events, when it was fetched and how long since it was confirmed; the reason follows.
    public let stale: @Sendable (_ events: String, _ fetched: String, _ age: String) -> String
    /// An unavailable source; the reason follows.
    public let unavailable: String
    /// Between a moved item's old and new end.
    public let end: String
    /// Before the start of the history, from the moment.
    public let since: @Sendable (_ moment: String) -> String
    /// No syncs in the state, from ``since`` (or nothing).
    public let noSyncs: @Sendable (_ since: String) -> String
    /// The history's first line, from the syncs and ``since`` (or nothing).
    public let syncCount: @Sendable (_ count: Int, _ since: String) -> String
    /// After a sync's moment in the history, from the cycle year.
    public let runYear: @Sendable (_ year: String) -> String
    /// The stale sources of a sync, from their names.
    public let staleSources: @Sendable (_ names: String) -> String
    /// A sync without changes.
    public let runWithoutChanges: String
    /// The first sync's items in one line, from their count.
    public let firstRunItems: @Sendable (_ count: Int) -> String
    /// Before a new conflict in the history (padded to line up with ``historyResolved``).
    public let historyNew: String
    /// Before a resolved conflict in the history.
    public let historyResolved: String
    /// The kinds of change: new, moved, changed, cancelled, removed.
    public let newItem: String
    /// An item moved.
    public let moved: String
    /// An item changed.
    public let changed: String
    /// An item cancelled.
    public let cancelled: String
    /// An item removed.
    public let removed: String
    /// The width the kinds of change are padded to.
    public let kindWidth: Int
    /// Units of an age: seconds, minutes, hours, days.
    public let second: Plural
    /// Minutes of an age.
    public let minute: Plural
    /// Hours of an age.
    public let hour: Plural
    /// Days of an age.
    public let day: Plural
    /// Progress: a source being fetched, from the source and where from.
    public let fetching: @Sendable (_ source: String, _ origin: String) -> String
    /// Progress: a source read, from the source, its events and the time it took.
    public let fetched: @Sendable (_ source: String, _ events: Int, _ took: String) -> String
    /// Progress: a source that failed, from the source, the time and the reason.
    public let fetchFailed: @Sendable (_ source: String, _ took: String, _ reason: String) -> String
}

private let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

extension SyncMessages {
    /// Bokmål.
    public static let nb = SyncMessages(
        date: { day, month, year in "\(twoDigits(day)).\(twoDigits(month)).\(year)" },
        time: { date, hour, minute in "\(date) kl. \(hour).\(minute)" },
        title: { moment, year in "Synkronisering \(moment), årshjul \(year)" },
        titleWithPrevious: { moment, previous, year in "Synkronisering \(moment) (forrige: \(previous)), årshjul \(year)" },
        sources: "Kilder",
        firstSync: { count in "Første synkronisering: \(Plural("hendelse", "hendelser").counted(count)) registrert. Neste gang vises det som er endret." },
        noChanges: "Ingen endringer i hendelsene siden forrige synkronisering.",
        changesHeading: "Endringer siden forrige synkronisering",
        conflicts: { new, resolved, open in "Konflikter: \(new) nye, \(resolved) løst, \(open) åpne" },
        acceptedConflicts: { count in " (\(count) akseptert)" },
        newConflict: "ny     ",
        resolvedConflict: "løst   ",
        staleAcceptance: { id in "[[accept]] \(id) passer ikke lenger til noen konflikt; den kan fjernes." },
        feedsWritten: { count, directory in "Kalenderfeeder: \(count) skrevet til \(directory)" },
        raisedSequences: { count in " (\(count) med høyere SEQUENCE, så abonnentene oppdaterer dem)" },
        published: "Publisert til kalenderservere",
        publishCounts: { created, updated, deleted, unchanged in "\(created) opprettet, \(updated) endret, \(deleted) slettet, \(unchanged) uendret" },
        notWritten: { count in ", \(count) ikke skrevet (se under)" },
        publishFailed: "FEILET – det som ikke ble skrevet, prøves igjen ved neste synkronisering; kildene er synkronisert som vanlig. Årsak: ",
        heldBack: { sources in
            "HOLDT TILBAKE – \(sources) har ingen kopi ennå, og å publisere nå ville fjerne hendelsene derfra i kalenderen. Publiseres når kilden kan leses."
        },
        changedOnServer: { item in
            "\(item) er endret i kalenderen på serveren etter at Aarshjul publiserte den, så Aarshjul skriver ikke over endringen. Endre hendelsen i kildekalenderen, eller slett kopien på serveren, så publiseres den på nytt ved neste synkronisering."
        },
        notOurs: { item in
            "En hendelse som Aarshjul ikke har laget, har samme navn på serveren; den blir stående, og \(item) publiseres ikke der. Flytt eller slett den hendelsen, eller publiser til en egen kalender."
        },
        changedNotDeleted: { item in
            "Hendelsen \(item) er ikke lenger i feeden, men noen har endret den på serveren, så Aarshjul sletter den ikke. Slett den i kalenderappen hvis den skal bort."
        },
        event: Plural("hendelse", "hendelser"),
        newVersion: "ny versjon, ",
        unchanged: "uendret, ",
        notModified: "uendret (304), ",
        stale: { events, fetched, age in "FORELDET – bruker siste gode kopi (\(events), hentet \(fetched), bekreftet for \(age) siden). Årsak: " },
        unavailable: "UTILGJENGELIG – ingen tidligere kopi, kilden er utelatt. Årsak: ",
        end: ", slutt ",
        since: { moment in " fra \(moment)" },
        noSyncs: { since in "Ingen synkroniseringer\(since) i tilstanden." },
        syncCount: { count, since in "\(Plural("synkronisering", "synkroniseringer").counted(count))\(since)" },
        runYear: { year in " – årshjul \(year)" },
        staleSources: { names in " (foreldet: \(names))" },
        runWithoutChanges: "ingen endringer",
        firstRunItems: { count in "\(count) hendelser registrert (første synkronisering)" },
        historyNew: "ny konflikt   ",
        historyResolved: "løst konflikt ",
        newItem: "ny",
        moved: "flyttet",
        changed: "endret",
        cancelled: "avlyst",
        removed: "fjernet",
        kindWidth: 8,
        second: Plural("sekund", "sekunder"),
        minute: Plural("minutt", "minutter"),
        hour: Plural("time", "timer"),
        day: Plural("dag", "dager"),
        fetching: { source, origin in "\(source): henter \(origin) …" },
        fetched: { source, events, took in "\(source): ferdig, \(events) hendelser (\(took))" },
        fetchFailed: { source, took, reason in "\(source): feilet (\(took)): \(reason)" }
    )

    /// Nynorsk.
    public static let nn = SyncMessages(
        date: { day, month, year in "\(twoDigits(day)).\(twoDigits(month)).\(year)" },
        time: { date, hour, minute in "\(date) kl. \(hour).\(minute)" },
        title: { moment, year in "Synkronisering \(moment), årshjul \(year)" },
        titleWithPrevious: { moment, previous, year in "Synkronisering \(moment) (førre: \(previous)), årshjul \(year)" },
        sources: "Kjelder",
        firstSync: { count in "Første synkronisering: \(Plural("hending", "hendingar").counted(count)) registrert. Neste gong blir det som er endra, vist." },
        noChanges: "Ingen endringar i hendingane sidan førre synkronisering.",
        changesHeading: "Endringar sidan førre synkronisering",
        conflicts: { new, resolved, open in "Konfliktar: \(new) nye, \(resolved) løyste, \(open) opne" },
        acceptedConflicts: { count in " (\(count) \(Plural("akseptert", "aksepterte")(count)))" },
        newConflict: "ny     ",
        resolvedConflict: "løyst  ",
        staleAcceptance: { id in "[[accept]] \(id) passar ikkje lenger til nokon konflikt; tabellen kan fjernast." },
        feedsWritten: { count, directory in "Kalenderfeedar: \(count) \(Plural("skriven", "skrivne")(count)) til \(directory)" },
        raisedSequences: { count in " (\(count) med høgare SEQUENCE, så abonnentane oppdaterer dei)" },
        published: "Publisert til kalendertenarar",
        publishCounts: { created, updated, deleted, unchanged in "\(created) oppretta, \(updated) endra, \(deleted) sletta, \(unchanged) uendra" },
        notWritten: { count in ", \(count) ikkje skrivne (sjå under)" },
        publishFailed: "FEILA – det som ikkje vart skrive, blir prøvd igjen ved neste synkronisering; kjeldene er synkroniserte som vanleg. Årsak: ",
        heldBack: { sources in
            "HALDEN TILBAKE – \(sources) har ingen kopi enno, og å publisere no ville fjerne hendingane derifrå i kalenderen. Blir publisert når kjelda kan lesast."
        },
        changedOnServer: { item in
            "\(item) er endra i kalenderen på tenaren etter at Aarshjul publiserte ho, så Aarshjul skriv ikkje over endringa. Endre hendinga i kjeldekalenderen, eller slett kopien på tenaren, så blir ho publisert på nytt ved neste synkronisering."
        },
        notOurs: { item in
            "Ei hending som Aarshjul ikkje har laga, har same namn på tenaren; ho blir ståande, og \(item) blir ikkje publisert der. Flytt eller slett den hendinga, eller publiser til ein eigen kalender."
        },
        changedNotDeleted: { item in
            "Hendinga \(item) er ikkje lenger i feeden, men nokon har endra ho på tenaren, så Aarshjul slettar ho ikkje. Slett ho i kalenderappen om ho skal bort."
        },
        event: Plural("hending", "hendingar"),
        newVersion: "ny versjon, ",
        unchanged: "uendra, ",
        notModified: "uendra (304), ",
        stale: { events, fetched, age in "FORELDA – brukar siste gode kopi (\(events), henta \(fetched), stadfesta for \(age) sidan). Årsak: " },
        unavailable: "UTILGJENGELEG – ingen tidlegare kopi, kjelda er utelaten. Årsak: ",
        end: ", slutt ",
        since: { moment in " frå \(moment)" },
        noSyncs: { since in "Ingen synkroniseringar\(since) i tilstanden." },
        syncCount: { count, since in "\(Plural("synkronisering", "synkroniseringar").counted(count))\(since)" },
        runYear: { year in " – årshjul \(year)" },
        staleSources: { names in " (forelda: \(names))" },
        runWithoutChanges: "ingen endringar",
        firstRunItems: { count in "\(count) hendingar registrerte (første synkronisering)" },
        historyNew: "ny konflikt    ",
        historyResolved: "løyst konflikt ",
        newItem: "ny",
        moved: "flytta",
        changed: "endra",
        cancelled: "avlyst",
        removed: "fjerna",
        kindWidth: 7,
        second: Plural("sekund", "sekund"),
        minute: Plural("minutt", "minutt"),
        hour: Plural("time", "timar"),
        day: Plural("dag", "dagar"),
        fetching: { source, origin in "\(source): hentar \(origin) …" },
        fetched: { source, events, took in "\(source): ferdig, \(events) hendingar (\(took))" },
        fetchFailed: { source, took, reason in "\(source): feila (\(took)): \(reason)" }
    )

    /// English.
    public static let en = SyncMessages(
        date: { day, month, year in "\(day) \(englishMonths[max(0, min(11, month - 1))]) \(year)" },
        time: { date, hour, minute in "\(date) \(hour):\(minute)" },
        title: { moment, year in "Sync \(moment), cycle \(year)" },
        titleWithPrevious: { moment, previous, year in "Sync \(moment) (previous: \(previous)), cycle \(year)" },
        sources: "Sources",
        firstSync: { count in "First sync: \(Plural("item", "items").counted(count)) recorded. Next time, what changed is shown." },
        noChanges: "No changes to the items since the previous sync.",
        changesHeading: "Changes since the previous sync",
        conflicts: { new, resolved, open in "Conflicts: \(new) new, \(resolved) resolved, \(open) open" },
        acceptedConflicts: { count in " (\(count) accepted)" },
        newConflict: "new      ",
        resolvedConflict: "resolved ",
        staleAcceptance: { id in "[[accept]] \(id) no longer matches any conflict; it can be removed." },
        feedsWritten: { count, directory in "Feeds: \(count) written to \(directory)" },
        raisedSequences: { count in " (\(count) with a raised SEQUENCE, so subscribers update them)" },
        published: "Published to calendar servers",
        publishCounts: { created, updated, deleted, unchanged in "\(created) created, \(updated) updated, \(deleted) deleted, \(unchanged) unchanged" },
        notWritten: { count in ", \(count) not written (see below)" },
        publishFailed: "FAILED – what was not written is tried again at the next sync; the sources synced as usual. Reason: ",
        heldBack: { sources in
            "HELD BACK – \(sources) has no copy yet, and publishing now would remove its items from the calendar. Published once the source can be read."
        },
        changedOnServer: { item in
            "\(item) was changed in the calendar on the server after Aarshjul published it, so Aarshjul does not write over that change. Change the item in its source calendar, or delete the server's copy to have it published again at the next sync."
        },
        notOurs: { item in
            "An item Aarshjul did not create has the same name on the server; it is left as it is, and \(item) is not published there. Move or delete that item, or publish into a calendar of its own."
        },
        changedNotDeleted: { item in
            "The item \(item) left the feed, but someone changed it on the server, so Aarshjul does not delete it. Delete it in the calendar app if it should go."
        },
        event: Plural("event", "events"),
        newVersion: "new version, ",
        unchanged: "unchanged, ",
        notModified: "unchanged (304), ",
        stale: { events, fetched, age in "STALE – using the last good copy (\(events), fetched \(fetched), confirmed \(age) ago). Reason: " },
        unavailable: "UNAVAILABLE – no earlier copy, the source is left out. Reason: ",
        end: ", end ",
        since: { moment in " from \(moment)" },
        noSyncs: { since in "No syncs\(since) in the state." },
        syncCount: { count, since in "\(Plural("sync", "syncs").counted(count))\(since)" },
        runYear: { year in " – cycle \(year)" },
        staleSources: { names in " (stale: \(names))" },
        runWithoutChanges: "no changes",
        firstRunItems: { count in "\(count) items recorded (first sync)" },
        historyNew: "new conflict      ",
        historyResolved: "resolved conflict ",
        newItem: "new",
        moved: "moved",
        changed: "changed",
        cancelled: "cancelled",
        removed: "removed",
        kindWidth: 9,
        second: Plural("second", "seconds"),
        minute: Plural("minute", "minutes"),
        hour: Plural("hour", "hours"),
        day: Plural("day", "days"),
        fetching: { source, origin in "\(source): fetching \(origin) …" },
        fetched: { source, events, took in "\(source): done, \(events) events (\(took))" },
        fetchFailed: { source, took, reason in "\(source): failed (\(took)): \(reason)" }
    )
}
