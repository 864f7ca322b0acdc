import Foundation

/// The commented `aarshjul.toml` that `aarshjul init` writes.
///
/// It is a working configuration for the two institutions: a `[cycle]`, two `[[source]]`
/// calendars (`trondheim-kommune.ics` and `ntnu.ics` beside the file, see ``sourcePaths``),
/// a few `[[tag]]`s and one `[[rule]]` of every type. The optional tables (`[[closed]]`,
/// `[[holiday]]`, `[[accept]]`, `[feeds]`) are there as comments, ready to uncomment.
///
/// The sources are real entries, not comments: a configuration without calendars does
/// nothing, and a source file that is missing is an error, so the starter loads once the
/// calendar exports are in place (or the paths are changed), and until then
/// ``AarshjulConfiguration/load(fileAt:)`` says which file it looked for.
///
/// ```swift
/// let path = try StarterConfiguration.write(to: "aarshjul.toml", language: .nb)
/// ```
public enum StarterConfiguration {
    /// The calendar files the starter's sources name, relative to the configuration file.
    public static let sourcePaths = ["trondheim-kommune.ics", "ntnu.ics"]

    /// The starter's text, with comments in `language` and `[cycle] language` set to it.
    public static func text(language: Language = .nb) -> String {
        switch language {
        case .nb: return norwegian
        case .en: return english
        }
    }

    /// Why ``write(to:language:overwrite:)`` failed.
    public enum WriteError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The file exists and `overwrite` was false; the absolute path.
        case exists(String)
        /// The file could not be written; the absolute path and the system's reason.
        case failed(path: String, reason: String)

        /// `/abs/aarshjul.toml already exists` or `cannot write /abs/aarshjul.toml: reason`.
        public var description: String {
            switch self {
            case .exists(let path): return "\(path) already exists"
            case .failed(let path, let reason): return "cannot write \(path): \(reason)"
            }
        }
    }

    /// Writes the starter to `path` atomically: to a temporary file beside it, then moved into
    /// place, so no reader ever sees half a file.
    ///
    /// Without `overwrite`, an existing file is never replaced, not even one created between
    /// the check and the move (the move is a hard link, which fails if the name exists).
    ///
    /// - Returns: the absolute path written.
    /// - Throws: ``WriteError``.
    @discardableResult
    public static func write(to path: String, language: Language = .nb, overwrite: Bool = false) throws(WriteError) -> String {
        let destination = URL(fileURLWithPath: path).standardized
        let target = destination.path
        if !overwrite, FileManager.default.fileExists(atPath: target) { throw .exists(target) }
        do {
            let temporary = try AtomicFile.stage(Array(text(language: language).utf8), beside: target, tag: UUID().uuidString)
            defer { unlink(temporary) }
            try AtomicFile.publish(temporary, to: target, overwrite: overwrite)
        } catch {
            throw error.exists ? .exists(target) : .failed(path: target, reason: error.reason)
        }
        return target
    }

    private static let norwegian = #"""
    # aarshjul.toml – årshjulet for Trondheim kommune og NTNU
    #
    # Skrevet av `aarshjul init`. Fila sier hvilke kalendere som slås sammen til
    # ett årshjul, hvordan hendelsene klassifiseres, og hvilke regler de må følge.
    #
    # Mønstre (summary = "Bystyret*") er glob-mønstre: * er hva som helst og ? ett
    # tegn; store og små bokstaver og aksenter regnes som like. Varigheter skrives
    # som ISO 8601: "P14D" = 14 dager, "P2W" = 2 uker, "PT4H" = 4 timer. En dag i
    # året skrives "MM-DD". Et ukjent nøkkelnavn er en feil, med linjenummer.

    [cycle]
    name = "Universitetskommunen Trondheim"
    timezone = "Europe/Oslo"
    start = "01-01"              # budsjettåret; "08-01" for studieåret
    language = "nb"              # nb | en: språket i rapporter og forklaringer

    # ---------------------------------------------------------------- kilder
    #
    # Én [[source]] per kalender. `path` er relativ til denne fila: legg
    # kalendereksportene (.ics) ved siden av den, eller skriv
    # url = "https://…/kalender.ics" i stedet for path. Filene må finnes.

    [[source]]
    id = "tk"                    # kort og stabil: a-z, 0-9 og -
    name = "Trondheim kommune"
    path = "trondheim-kommune.ics"
    color = "#0067B1"

    [[source]]
    id = "ntnu"
    name = "NTNU"
    path = "ntnu.ics"
    color = "#00509E"

    # ---------------------------------------------------------------- klassifisering
    #
    # [[tag]] gir hendelsene organ (body), type (kind) og temaområde (area).
    # For hvert felt vinner den første som treffer: spesifikke regler øverst.
    # kind: decision (vedtaksmøte), deadline (frist), meeting (møte uten vedtak),
    # milestone (milepæl). fixed = true: datoene kan ikke flyttes.

    [[tag]]
    match = { source = "tk", summary = "Saksfrist bystyret*" }
    body = "bystyret"
    kind = "deadline"

    [[tag]]
    match = { source = "tk", summary = "Bystyret*" }
    body = "bystyret"
    kind = "decision"

    [[tag]]
    match = { source = "ntnu", summary = "Styremøte*" }
    body = "styret"
    kind = "decision"

    [[tag]]
    match = { summary = "Frist:*" }
    kind = "deadline"

    # ---------------------------------------------------------------- regler
    #
    # type: precedes (rekkefølge), lead-time (frist før møte), no-overlap
    # (samtidighet), working-day (helg, helligdag, stengt periode), within
    # (tidsvindu i året), required (noe mangler), crowding (for mye på en gang).
    # severity: error | warning (standard) | info.

    # NTNUs budsjettfordeling må være kjent 14 dager før bystyret vedtar
    # handlings- og økonomiplanen.
    [[rule]]
    id = "budget-feeds-hop"
    type = "precedes"
    first = { source = "ntnu", body = "styret", summary = "*budsjettfordeling*" }
    then = { source = "tk", body = "bystyret", summary = "*økonomiplan*" }
    min-gap = "P14D"
    severity = "error"

    # Saksfristen skal ligge minst 10 dager før bystyremøtet.
    [[rule]]
    id = "saksfrist-bystyret"
    type = "lead-time"
    deadline = { source = "tk", body = "bystyret", kind = "deadline" }
    meeting = { source = "tk", body = "bystyret", kind = "decision" }
    min = "P10D"                 # eller: working-days = 8 (arbeidsdager)

    # Vedtaksmøter i de to institusjonene bør ikke legges til samme dag.
    [[rule]]
    id = "decisions-same-day"
    type = "no-overlap"
    match = { kind = "decision" }
    same-day = true
    across = "sources"           # bare par fra ulike kalendere ("bodies": ulike organer)

    # Vedtaksmøter holdes på arbeidsdager, utenom fellesferien.
    [[rule]]
    id = "decisions-on-working-days"
    type = "working-day"
    match = { kind = "decision" }
    closed = ["fellesferie"]     # også "christmas", "easter" eller navnet på en [[closed]]
    severity = "error"

    # Bystyret vedtar budsjettet i desember (kommuneloven § 14-4).
    [[rule]]
    id = "budget-vote-in-december"
    type = "within"
    match = { source = "tk", body = "bystyret", summary = "*økonomiplan*" }
    after = "12-01"
    before = "12-31"

    # Hvert budsjettår skal ha et budsjettvedtak.
    [[rule]]
    id = "required-budget-vote"
    type = "required"
    match = { source = "tk", body = "bystyret", summary = "*økonomiplan*" }
    min-count = 1
    severity = "error"

    # Flere enn tre frister på sju dager er en flaskehals for sekretariatene.
    [[rule]]
    id = "deadline-crunch"
    type = "crowding"
    match = { kind = "deadline" }
    max = 3
    per = "P7D"
    severity = "info"

    # ---------------------------------------------------------------- valgfritt
    #
    # Egne stengte perioder for working-day-regler:
    # [[closed]]
    # name = "eksamen"
    # from = "12-01"
    # to = "12-20"
    #
    # Fridager utover de offentlige helligdagene:
    # [[holiday]]
    # date = 2027-05-18
    # name = "Inneklemt dag"
    #
    # En kjent konflikt dere har valgt å leve med (id-en fra `aarshjul conflicts`):
    # [[accept]]
    # conflict = "c-4f2a91"
    # reason = "Avklart i styringsgruppen 2026-03-02"
    #
    # Feed-serveren (`aarshjul serve`):
    # [feeds]
    # refresh = "PT4H"           # hent url-kildene så ofte
    # token = "bytt-meg"         # krev ?token=… i feed-adressene
    # rebuild = "P1D"            # bygg feedene minst så ofte

    """#

    private static let english = #"""
    # aarshjul.toml – the annual cycle of Trondheim kommune and NTNU
    #
    # Written by `aarshjul init`. This file says which calendars are merged into
    # one annual cycle, how their events are classified, and which rules they
    # must follow.
    #
    # Patterns (summary = "Bystyret*") are globs: * is anything and ? one
    # character; case and accents are ignored. Durations are ISO 8601: "P14D" =
    # 14 days, "P2W" = 2 weeks, "PT4H" = 4 hours. A day of the year is "MM-DD".
    # An unknown key is an error, reported with its line.

    [cycle]
    name = "Universitetskommunen Trondheim"
    timezone = "Europe/Oslo"
    start = "01-01"              # the budget year; "08-01" for the academic year
    language = "en"              # nb | en: the language of reports and explanations

    # ---------------------------------------------------------------- sources
    #
    # One [[source]] per calendar. `path` is relative to this file: put the
    # calendar exports (.ics) beside it, or write url = "https://…/calendar.ics"
    # instead of path. The files must exist.

    [[source]]
    id = "tk"                    # short and stable: a-z, 0-9 and -
    name = "Trondheim kommune"
    path = "trondheim-kommune.ics"
    color = "#0067B1"

    [[source]]
    id = "ntnu"
    name = "NTNU"
    path = "ntnu.ics"
    color = "#00509E"

    # ---------------------------------------------------------------- classification
    #
    # [[tag]] gives events their body, kind and area. For each field the first
    # tag that matches wins: specific tags first. kind: decision, deadline,
    # meeting, milestone. fixed = true: these dates cannot move.

    [[tag]]
    match = { source = "tk", summary = "Saksfrist bystyret*" }
    body = "bystyret"
    kind = "deadline"

    [[tag]]
    match = { source = "tk", summary = "Bystyret*" }
    body = "bystyret"
    kind = "decision"

    [[tag]]
    match = { source = "ntnu", summary = "Styremøte*" }
    body = "styret"
    kind = "decision"

    [[tag]]
    match = { summary = "Frist:*" }
    kind = "deadline"

    # ---------------------------------------------------------------- rules
    #
    # type: precedes (order), lead-time (deadline before meeting), no-overlap
    # (clashes), working-day (weekend, holiday, closed period), within (window in
    # the year), required (something missing), crowding (too much at once).
    # severity: error | warning (the default) | info.

    # NTNU's budget allocation must be known 14 days before the city council
    # adopts the financial plan.
    [[rule]]
    id = "budget-feeds-hop"
    type = "precedes"
    first = { source = "ntnu", body = "styret", summary = "*budsjettfordeling*" }
    then = { source = "tk", body = "bystyret", summary = "*økonomiplan*" }
    min-gap = "P14D"
    severity = "error"

    # The submission deadline is at least 10 days before the council meeting.
    [[rule]]
    id = "saksfrist-bystyret"
    type = "lead-time"
    deadline = { source = "tk", body = "bystyret", kind = "deadline" }
    meeting = { source = "tk", body = "bystyret", kind = "decision" }
    min = "P10D"                 # or: working-days = 8 (working days)

    # Decision meetings of the two institutions should not share a day.
    [[rule]]
    id = "decisions-same-day"
    type = "no-overlap"
    match = { kind = "decision" }
    same-day = true
    across = "sources"           # only pairs from different calendars ("bodies": different bodies)

    # Decision meetings are held on working days, outside the summer holiday.
    [[rule]]
    id = "decisions-on-working-days"
    type = "working-day"
    match = { kind = "decision" }
    closed = ["fellesferie"]     # also "christmas", "easter" or the name of a [[closed]]
    severity = "error"

    # The council adopts the budget in December (kommuneloven § 14-4).
    [[rule]]
    id = "budget-vote-in-december"
    type = "within"
    match = { source = "tk", body = "bystyret", summary = "*økonomiplan*" }
    after = "12-01"
    before = "12-31"

    # Every budget year has a budget vote.
    [[rule]]
    id = "required-budget-vote"
    type = "required"
    match = { source = "tk", body = "bystyret", summary = "*økonomiplan*" }
    min-count = 1
    severity = "error"

    # More than three deadlines in seven days is a bottleneck for the secretariats.
    [[rule]]
    id = "deadline-crunch"
    type = "crowding"
    match = { kind = "deadline" }
    max = 3
    per = "P7D"
    severity = "info"

    # ---------------------------------------------------------------- optional
    #
    # Closed periods of your own, for working-day rules:
    # [[closed]]
    # name = "eksamen"
    # from = "12-01"
    # to = "12-20"
    #
    # Days off besides the public holidays:
    # [[holiday]]
    # date = 2027-05-18
    # name = "Inneklemt dag"
    #
    # A known conflict you have agreed to live with (the id from `aarshjul conflicts`):
    # [[accept]]
    # conflict = "c-4f2a91"
    # reason = "Agreed in the steering group, 2026-03-02"
    #
    # The feed server (`aarshjul serve`):
    # [feeds]
    # refresh = "PT4H"           # fetch url sources this often
    # token = "change-me"        # require ?token=… in feed addresses
    # rebuild = "P1D"            # rebuild the feeds at least this often

    """#
}
