/// The conflict report (`aarshjul conflicts`), the cycle table (`aarshjul cycle`) and the plan
/// report (`aarshjul plan`, `aarshjul resolve`).
public struct ReportMessages: Sendable {
    /// The conflict report's first line, from the cycle year and the cycle's name.
    public let conflictsTitle: @Sendable (_ year: String, _ cycle: String) -> String
    /// When nothing is open.
    public let noOpenConflicts: String
    /// The headings of the severity groups: `FEIL`, `ADVARSLER`, `TIL INFORMASJON`.
    public let severityHeadings: SeverityWords
    /// The closing count line, from the open errors, warnings and infos and the accepted conflicts.
    public let conflictCounts: @Sendable (_ errors: Int, _ warnings: Int, _ infos: Int, _ accepted: Int) -> String
    /// Before an accepted conflict's id: `Akseptert: `.
    public let acceptedPrefix: String
    /// An `[[accept]]` that matches no conflict, from its conflict id and line.
    public let staleAcceptance: @Sendable (_ conflict: String, _ line: Int) -> String
    /// The proposal, from the moves already joined (`«X» til ti 18.05 eller to 20.05`).
    public let proposal: @Sendable (_ moves: String) -> String
    /// One item's move in a proposal, from its summary and its dates already joined.
    public let proposedMove: @Sendable (_ summary: String, _ dates: String) -> String
    /// Joins the moves of different items: `; eller `.
    public let orElse: String
    /// The cycle table's first line, from the cycle's name and year.
    public let cycleTitle: @Sendable (_ cycle: String, _ year: String) -> String
    /// The cycle table's column headers: date, time, source, body, kind, what.
    public let cycleHeaders: [String]
    /// The plan report's first line, from the planned year, the year planned from and the cycle's name.
    public let planTitle: @Sendable (_ year: String, _ from: String, _ cycle: String) -> String
    /// The resolve report's first line, from the year and the cycle's name.
    public let resolveTitle: @Sendable (_ year: String, _ cycle: String) -> String
    /// The exact search.
    public let exactSearch: String
    /// The local search.
    public let localSearch: String
    /// The search line, from the method, the number of items moved and the working days moved in all.
    public let planSearch: @Sendable (_ method: String, _ moved: Int, _ days: Int) -> String
    /// When nothing moves.
    public let nothingMoves: String
    /// The plan table's headers: planned, source, what, pattern, pattern date, moved.
    public let planHeaders: [String]
    /// The resolve table's headers: new date, source, what, now, moved.
    public let resolveHeaders: [String]
    /// The heading of the moves and their rules, from the number moved.
    public let movedHeading: @Sendable (_ count: Int) -> String
    /// The notes' heading.
    public let notes: String
    /// The heading of what is not satisfied, from its count.
    public let notSatisfied: @Sendable (_ count: Int) -> String
    /// When every rule holds.
    public let everyRuleHolds: String
    /// Before the rules that cannot all hold.
    public let rulesInConflict: String
    /// The plan's closing line, from the errors, warnings and infos left.
    public let planCounts: @Sendable (_ errors: Int, _ warnings: Int, _ infos: Int) -> String
}

extension ReportMessages {
    /// Bokmål.
    public static let nb = ReportMessages(
        conflictsTitle: { year, cycle in "Konflikter i årshjulet \(year) — \(cycle)" },
        noOpenConflicts: "Ingen åpne konflikter.",
        severityHeadings: SeverityWords(error: "FEIL", warning: "ADVARSLER", info: "TIL INFORMASJON"),
        conflictCounts: { errors, warnings, infos, accepted in
            "\(errors) feil, \(Plural("advarsel", "advarsler").counted(warnings)), \(infos) til informasjon; \(Plural("akseptert", "aksepterte").counted(accepted))"
        },
        acceptedPrefix: "Akseptert: ",
        staleAcceptance: { conflict, line in "Merk: [[accept]] \(conflict) (linje \(line)) passer ikke lenger til noen konflikt og kan fjernes." },
        proposal: { moves in "Forslag: flytt \(moves)." },
        proposedMove: { summary, dates in "«\(summary)» til \(dates)" },
        orElse: "; eller ",
        cycleTitle: { cycle, year in "\(cycle) — årshjul \(year)" },
        cycleHeaders: ["Dato", "Tid", "Kilde", "Organ", "Type", "Hva"],
        planTitle: { year, from, cycle in "Plan for årshjulet \(year) (fra \(from)) — \(cycle)" },
        resolveTitle: { year, cycle in "Løsning for årshjulet \(year) — \(cycle)" },
        exactSearch: "eksakt søk (optimalt)",
        localSearch: "lokalt søk med omstarter (ikke bevist optimalt)",
        planSearch: { method, moved, days in "Søk: \(method). \(moved) flyttet, \(Plural("arbeidsdag", "arbeidsdager").counted(days)) til sammen." },
        nothingMoves: "Ingenting må flyttes.",
        planHeaders: ["Planlagt", "Kilde", "Hva", "Mønster", "Mønsterdato", "Flyttet"],
        resolveHeaders: ["Ny dato", "Kilde", "Hva", "Nå", "Flyttet"],
        movedHeading: { count in "Flyttet, og reglene som krevde det (\(count))" },
        notes: "Merknader",
        notSatisfied: { count in "Ikke oppfylt (\(count))" },
        everyRuleHolds: "Alle regler holder.",
        rulesInConflict: "Disse reglene kan ikke oppfylles samtidig:",
        planCounts: { errors, warnings, infos in
            "\(errors) feil, \(Plural("advarsel", "advarsler").counted(warnings)), \(infos) til informasjon igjen"
        }
    )

    /// Nynorsk.
    public static let nn = ReportMessages(
        conflictsTitle: { year, cycle in "Konfliktar i årshjulet \(year) — \(cycle)" },
        noOpenConflicts: "Ingen opne konfliktar.",
        severityHeadings: SeverityWords(error: "FEIL", warning: "ÅTVARINGAR", info: "TIL INFORMASJON"),
        conflictCounts: { errors, warnings, infos, accepted in
            "\(errors) feil, \(Plural("åtvaring", "åtvaringar").counted(warnings)), \(infos) til informasjon; \(Plural("akseptert", "aksepterte").counted(accepted))"
        },
        acceptedPrefix: "Akseptert: ",
        staleAcceptance: { conflict, line in "Merk: [[accept]] \(conflict) (linje \(line)) passar ikkje lenger til nokon konflikt og kan fjernast." },
        proposal: { moves in "Forslag: flytt \(moves)." },
        proposedMove: { summary, dates in "«\(summary)» til \(dates)" },
        orElse: "; eller ",
        cycleTitle: { cycle, year in "\(cycle) — årshjul \(year)" },
        cycleHeaders: ["Dato", "Tid", "Kjelde", "Organ", "Type", "Kva"],
        planTitle: { year, from, cycle in "Plan for årshjulet \(year) (frå \(from)) — \(cycle)" },
        resolveTitle: { year, cycle in "Løysing for årshjulet \(year) — \(cycle)" },
        exactSearch: "eksakt søk (optimalt)",
        localSearch: "lokalt søk med omstartar (ikkje prova optimalt)",
        planSearch: { method, moved, days in "Søk: \(method). \(moved) flytta, \(Plural("arbeidsdag", "arbeidsdagar").counted(days)) til saman." },
        nothingMoves: "Ingenting må flyttast.",
        planHeaders: ["Planlagt", "Kjelde", "Kva", "Mønster", "Mønsterdato", "Flytta"],
        resolveHeaders: ["Ny dato", "Kjelde", "Kva", "No", "Flytta"],
        movedHeading: { count in "Flytta, og reglane som kravde det (\(count))" },
        notes: "Merknader",
        notSatisfied: { count in "Ikkje oppfylt (\(count))" },
        everyRuleHolds: "Alle reglar held.",
        rulesInConflict: "Desse reglane kan ikkje oppfyllast samtidig:",
        planCounts: { errors, warnings, infos in
            "\(errors) feil, \(Plural("åtvaring", "åtvaringar").counted(warnings)), \(infos) til informasjon att"
        }
    )

    /// English.
    public static let en = ReportMessages(
        conflictsTitle: { year, cycle in "Conflicts in the \(year) cycle — \(cycle)" },
        noOpenConflicts: "No open conflicts.",
        severityHeadings: SeverityWords(error: "ERRORS", warning: "WARNINGS", info: "FOR INFORMATION"),
        conflictCounts: { errors, warnings, infos, accepted in
            "\(Plural("error", "errors").counted(errors)), \(Plural("warning", "warnings").counted(warnings)), \(infos) for information; \(accepted) accepted"
        },
        acceptedPrefix: "Accepted: ",
        staleAcceptance: { conflict, line in "Note: [[accept]] \(conflict) (line \(line)) no longer matches any conflict and can be removed." },
        proposal: { moves in "Proposal: move \(moves)." },
        proposedMove: { summary, dates in "«\(summary)» to \(dates)" },
        orElse: "; or ",
        cycleTitle: { cycle, year in "\(cycle) — annual cycle \(year)" },
        cycleHeaders: ["Date", "Time", "Source", "Body", "Kind", "What"],
        planTitle: { year, from, cycle in "Plan for the \(year) cycle (from \(from)) — \(cycle)" },
        resolveTitle: { year, cycle in "Resolution of the \(year) cycle — \(cycle)" },
        exactSearch: "exact search (optimal)",
        localSearch: "local search with restarts (not proven optimal)",
        planSearch: { method, moved, days in "Search: \(method). \(moved) moved, \(Plural("working day", "working days").counted(days)) in all." },
        nothingMoves: "Nothing needs to move.",
        planHeaders: ["Planned", "Source", "What", "Pattern", "Pattern date", "Moved"],
        resolveHeaders: ["New date", "Source", "What", "Now", "Moved"],
        movedHeading: { count in "Moved, and the rules that required it (\(count))" },
        notes: "Notes",
        notSatisfied: { count in "Not satisfied (\(count))" },
        everyRuleHolds: "Every rule holds.",
        rulesInConflict: "These rules cannot all hold together:",
        planCounts: { errors, warnings, infos in
            "\(Plural("error", "errors").counted(errors)), \(Plural("warning", "warnings").counted(warnings)), \(infos) for information left"
        }
    )
}
