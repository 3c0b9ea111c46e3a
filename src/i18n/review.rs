//! Texts of `moderato review`: its tabs, figures, keys and what it says
//! when a station has nothing of a kind.
use super::{Lang, counted, pick};

/// Short words of the review screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ReviewLabel {
    Title,
    TabJourney,
    TabTimeline,
    TabTalk,
    TabCaptures,
    TabCases,
    TabNetwork,
    NotStarted,
    Running,
    /// The station ran on another day than planned.
    Rehearsal,
    Finished,
    InPerson,
    Online,
    RowDate,
    RowPlace,
    RowState,
    RowPlanned,
    RowActual,
    RowBlocks,
    RowBehind,
    RowSpoke,
    RowCaptures,
    RowCases,
    RowContacts,
    /// "—": no figure (yet).
    Nothing,
    /// The timeline's legend.
    Legend,
    DriftTitle,
    NoDrift,
    ColBlock,
    ColPlanStart,
    ColActual,
    ColPlanEnd,
    ColPlanMinutes,
    ColDifference,
    StationNotStarted,
    WholeStation,
    PerParticipant,
    PerOrganisation,
    NeverSpoke,
    EveryoneSpoke,
    NoTurns,
    NoTurnsInBlock,
    KindAll,
    BlockAll,
    KindDecision,
    KindAction,
    KindParked,
    KindTakeaway,
    KindCommitment,
    KindNote,
    Private,
    ForProtocol,
    NoCaptures,
    NoMatch,
    NoCases,
    Roles,
    Consultants,
    Method,
    KeyQuestion,
    Confidential,
    ConfidentialHidden,
    ConfidentialEmpty,
    CaseTitle,
    CaseDescription,
    Ideas,
    Closing,
    NetworkTitle,
    Met,
    NoNetwork,
    Reloaded,
    FilterPrompt,
    FilterHint,
    HelpTitle,
    HelpClose,
    KeyTabs,
    KeyTabNumbers,
    KeyStation,
    KeyOpen,
    KeyScroll,
    KeyPage,
    KeyEnds,
    KeyFilter,
    KeyKind,
    KeyBlock,
    KeyDiscussion,
    KeyReveal,
    KeyTabNumbersShort,
    KeyStationShort,
    KeyOpenShort,
    KeyDiscussionShort,
    KeyFilterShort,
    KeyKindShort,
    KeyBlockShort,
    KeyRevealShort,
    KeyReload,
    KeyHelp,
    KeyQuit,
}

impl ReviewLabel {
    /// The label in the given language.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            ReviewLabel::Title => ("Rückblick", "Review"),
            ReviewLabel::TabJourney => ("Reise", "Journey"),
            ReviewLabel::TabTimeline => ("Ablauf", "Timeline"),
            ReviewLabel::TabTalk => ("Redezeit", "Talk time"),
            ReviewLabel::TabCaptures => ("Festgehalten", "Captures"),
            ReviewLabel::TabCases => ("Fälle", "Cases"),
            ReviewLabel::TabNetwork => ("Netzwerk", "Network"),
            ReviewLabel::NotStarted => ("nicht begonnen", "not started"),
            ReviewLabel::Rehearsal => ("Probelauf", "rehearsal"),
            ReviewLabel::Running => ("läuft", "running"),
            ReviewLabel::Finished => ("abgeschlossen", "finished"),
            ReviewLabel::InPerson => ("Präsenz", "in person"),
            ReviewLabel::Online => ("Online", "online"),
            ReviewLabel::RowDate => ("Datum", "Date"),
            ReviewLabel::RowPlace => ("Ort", "Place"),
            ReviewLabel::RowState => ("Stand", "State"),
            ReviewLabel::RowPlanned => ("geplant", "Planned"),
            ReviewLabel::RowActual => ("tatsächlich", "Actual"),
            ReviewLabel::RowBlocks => ("Blöcke", "Blocks"),
            ReviewLabel::RowBehind => ("max. Verzug", "Most behind"),
            ReviewLabel::RowSpoke => ("gesprochen", "Spoke"),
            ReviewLabel::RowCaptures => ("festgehalten", "Captures"),
            ReviewLabel::RowCases => ("Fälle", "Cases"),
            ReviewLabel::RowContacts => ("neue Kontakte", "New contacts"),
            ReviewLabel::Nothing => ("–", "—"),
            ReviewLabel::Legend => (
                "▀ Plan  ▄ Ist  ! überzogen  ‖ Pause  » übersprungen  + eingefügt  ~ umgeplant",
                "▀ plan  ▄ actual  ! overrun  ‖ paused  » skipped  + inserted  ~ re-planned",
            ),
            ReviewLabel::DriftTitle => ("Verzug über den Tag (min)", "Behind the plan over the day (min)"),
            ReviewLabel::NoDrift => ("Noch kein Verlauf.", "No course yet."),
            ReviewLabel::ColBlock => ("Block", "Block"),
            ReviewLabel::ColPlanStart => ("Beginn", "Start"),
            ReviewLabel::ColActual => ("ist", "actual"),
            ReviewLabel::ColPlanEnd => ("Ende", "End"),
            ReviewLabel::ColPlanMinutes => ("Dauer", "Length"),
            ReviewLabel::ColDifference => ("Diff.", "Diff."),
            ReviewLabel::StationNotStarted => {
                ("Diese Station hat noch nicht begonnen.", "This station has not started yet.")
            }
            ReviewLabel::WholeStation => ("ganze Station", "whole station"),
            ReviewLabel::PerParticipant => ("je Person", "per person"),
            ReviewLabel::PerOrganisation => ("je Organisation", "per organisation"),
            ReviewLabel::NeverSpoke => ("Nicht zu Wort gekommen:", "Did not speak:"),
            ReviewLabel::EveryoneSpoke => ("Alle Anwesenden haben gesprochen.", "Everyone present spoke."),
            ReviewLabel::NoTurns => {
                ("Keine Wortmeldungen an dieser Station.", "No speaking turns recorded at this station.")
            }
            ReviewLabel::NoTurnsInBlock => {
                ("Keine Wortmeldungen in diesem Block.", "No speaking turns in this block.")
            }
            ReviewLabel::KindAll => ("alle Arten", "every kind"),
            ReviewLabel::BlockAll => ("alle Blöcke", "every block"),
            ReviewLabel::KindDecision => ("Entscheidung", "Decision"),
            ReviewLabel::KindAction => ("Aufgabe", "Action"),
            ReviewLabel::KindParked => ("Parkplatz", "Parked"),
            ReviewLabel::KindTakeaway => ("Erkenntnis", "Takeaway"),
            ReviewLabel::KindCommitment => ("Transfer", "Commitment"),
            ReviewLabel::KindNote => ("Notiz", "Note"),
            ReviewLabel::Private => ("privat", "private"),
            ReviewLabel::ForProtocol => ("fürs Protokoll", "for the protocol"),
            ReviewLabel::NoCaptures => {
                ("Nichts festgehalten an dieser Station.", "Nothing captured at this station.")
            }
            ReviewLabel::NoMatch => ("Nichts passt zum Filter.", "Nothing matches the filter."),
            ReviewLabel::NoCases => {
                ("Keine Fallberatung an dieser Station.", "No case consultation at this station.")
            }
            ReviewLabel::Roles => ("Rollen", "Roles"),
            ReviewLabel::Consultants => ("Beratende", "Consultants"),
            ReviewLabel::Method => ("Methode", "Method"),
            ReviewLabel::KeyQuestion => ("Schlüsselfrage", "Key question"),
            ReviewLabel::Confidential => ("Vertraulich", "Confidential"),
            ReviewLabel::ConfidentialHidden => ("verborgen – v zeigt es hier", "hidden — v shows it here"),
            ReviewLabel::ConfidentialEmpty => ("nichts notiert", "nothing written down"),
            ReviewLabel::CaseTitle => ("Titel", "Title"),
            ReviewLabel::CaseDescription => ("Beschreibung", "Description"),
            ReviewLabel::Ideas => ("Ideen", "Ideas"),
            ReviewLabel::Closing => ("Abschluss", "Closing"),
            ReviewLabel::NetworkTitle => {
                ("Wer hat wen getroffen (Reise bis jetzt)", "Who has met whom (the journey so far)")
            }
            ReviewLabel::Met => ("getroffen", "met"),
            ReviewLabel::NoNetwork => {
                ("Noch niemand war in einer Gruppe.", "Nobody has been in a group yet.")
            }
            ReviewLabel::Reloaded => ("Neu geladen.", "Reloaded."),
            ReviewLabel::FilterPrompt => ("Filter", "Filter"),
            ReviewLabel::FilterHint => ("Enter behalten · Esc löschen", "Enter keep · Esc clear"),
            ReviewLabel::HelpTitle => ("Tasten im Rückblick", "Review keys"),
            ReviewLabel::HelpClose => ("? oder Esc schließt", "? or Esc closes"),
            ReviewLabel::KeyTabs => ("nächster / voriger Reiter", "next / previous tab"),
            ReviewLabel::KeyTabNumbers => ("Reiter direkt", "tab by number"),
            ReviewLabel::KeyStation => ("Station wechseln", "other station"),
            ReviewLabel::KeyOpen => ("Ablauf der Station", "the station's timeline"),
            ReviewLabel::KeyScroll => ("blättern", "scroll"),
            ReviewLabel::KeyPage => ("seitenweise", "by page"),
            ReviewLabel::KeyEnds => ("Anfang / Ende", "top / bottom"),
            ReviewLabel::KeyFilter => ("Text filtern", "filter by text"),
            ReviewLabel::KeyKind => ("Art filtern", "filter by kind"),
            ReviewLabel::KeyBlock => ("Block filtern", "filter by block"),
            ReviewLabel::KeyDiscussion => ("je Diskussion", "per discussion"),
            ReviewLabel::KeyReveal => ("Vertrauliches zeigen", "show confidential"),
            ReviewLabel::KeyTabNumbersShort => ("Reiter", "tabs"),
            ReviewLabel::KeyStationShort => ("Station", "station"),
            ReviewLabel::KeyOpenShort => ("öffnen", "open"),
            ReviewLabel::KeyDiscussionShort => ("Diskussion", "discussion"),
            ReviewLabel::KeyFilterShort => ("suchen", "search"),
            ReviewLabel::KeyKindShort => ("Art", "kind"),
            ReviewLabel::KeyBlockShort => ("Block", "block"),
            ReviewLabel::KeyRevealShort => ("Vertrauliches", "confidential"),
            ReviewLabel::KeyReload => ("neu laden", "reload"),
            ReviewLabel::KeyHelp => ("Hilfe", "help"),
            ReviewLabel::KeyQuit => ("beenden", "quit"),
        };
        if lang == Lang::De { de } else { en }
    }
}

/// Review's texts with figures in them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ReviewMsg {
    /// Blocks run and skipped.
    BlocksRun {
        run: usize,
        skipped: usize,
    },
    /// How many of the cohort spoke.
    Spoke {
        speakers: usize,
        of: usize,
    },
    /// Captures, with how many are private notes.
    Captures {
        all: usize,
        private: usize,
    },
    Cases {
        cases: usize,
    },
    /// Minutes behind (positive) or ahead.
    Behind {
        minutes: i64,
    },
    /// The discussion Talk time shows.
    InBlock {
        block: String,
    },
    /// The consultation's block and template.
    Consultation {
        block: String,
        template: String,
    },
    Group {
        group: usize,
        members: String,
    },
    Case {
        group: usize,
        case: usize,
    },
    /// Pairs of the cohort who never met.
    NeverMet {
        never: usize,
        pairs: usize,
    },
    /// The time of the station log's last event: what review shows is the log up to then.
    LogUntil {
        at: String,
    },
    /// Reloading failed: the store's message.
    ReloadFailed {
        why: String,
    },
    /// A person's attendance at a station: blocks there for of those run, minutes, late, left early.
    Present {
        blocks: usize,
        ran: usize,
        minutes: i64,
        late: bool,
        left_early: bool,
    },
    /// A person there for no block that ran.
    Absent,
}

impl ReviewMsg {
    /// The message in the given language.
    pub fn text(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            ReviewMsg::Present { blocks, ran, minutes, late, left_early } => {
                let mut de_text = format!("{blocks}/{ran} · {minutes} min");
                let mut en_text = de_text.clone();
                if *late {
                    de_text.push_str(" · kam später");
                    en_text.push_str(" · arrived late");
                }
                if *left_early {
                    de_text.push_str(" · ging früher");
                    en_text.push_str(" · left early");
                }
                pick(de, de_text, en_text)
            }
            ReviewMsg::Absent => pick(de, "abwesend".into(), "absent".into()),
            ReviewMsg::BlocksRun { run, skipped } => pick(
                de,
                format!("{run} gelaufen, {skipped} übersprungen"),
                format!("{run} run, {skipped} skipped"),
            ),
            ReviewMsg::Spoke { speakers, of } => {
                pick(de, format!("{speakers} von {of}"), format!("{speakers} of {of}"))
            }
            ReviewMsg::Captures { all, private } => {
                pick(de, format!("{all} ({private} privat)"), format!("{all} ({private} private)"))
            }
            ReviewMsg::Cases { cases } => {
                pick(de, counted(*cases, ["Fall", "Fälle"]), counted(*cases, ["case", "cases"]))
            }
            ReviewMsg::Behind { minutes } if *minutes > 0 => {
                pick(de, format!("{minutes} min hinter Plan"), format!("{minutes} min behind"))
            }
            ReviewMsg::Behind { minutes } if *minutes < 0 => {
                pick(de, format!("{} min vor Plan", -minutes), format!("{} min ahead", -minutes))
            }
            ReviewMsg::Behind { .. } => pick(de, "im Plan".to_string(), "on time".to_string()),
            ReviewMsg::InBlock { block } => pick(de, format!("in „{block}“"), format!("in “{block}”")),
            ReviewMsg::Consultation { block, template } => {
                pick(de, format!("{block} · {template}"), format!("{block} · {template}"))
            }
            ReviewMsg::Group { group, members } => {
                pick(de, format!("Gruppe {group}: {members}"), format!("Group {group}: {members}"))
            }
            ReviewMsg::Case { group, case } => {
                pick(de, format!("Gruppe {group}, Fall {case}"), format!("Group {group}, case {case}"))
            }
            ReviewMsg::NeverMet { never, pairs } => pick(
                de,
                format!(
                    "{} von {pairs} Paaren waren schon zusammen in einer Gruppe, {never} noch nie.",
                    pairs.saturating_sub(*never)
                ),
                format!(
                    "{} of {pairs} pairs have been in a group together, {never} never.",
                    pairs.saturating_sub(*never)
                ),
            ),
            ReviewMsg::LogUntil { at } => pick(de, format!("Protokoll bis {at}"), format!("log until {at}")),
            ReviewMsg::ReloadFailed { why } => pick(
                de,
                format!("Neu laden ging nicht, der alte Stand bleibt: {why}"),
                format!("Could not reload, the earlier state stays: {why}"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    #[test]
    fn every_review_text_reads_in_both_languages() {
        for label in ReviewLabel::iter() {
            for lang in [Lang::De, Lang::En] {
                assert!(!label.text(lang).trim().is_empty(), "{label:?} has no {lang:?} text");
            }
            // The same word in both languages on purpose: these few only.
            let same = ["Block", "Diff.", "Filter"];
            let text = label.text(Lang::En);
            assert!(label.text(Lang::De) != text || same.contains(&text), "{label:?} is not translated");
            assert!(!label.text(Lang::En).contains('„'), "{label:?}: German quotes in English");
        }
        for msg in ReviewMsg::iter() {
            for lang in [Lang::De, Lang::En] {
                let text = msg.text(lang);
                assert!(!text.trim().is_empty(), "{msg:?} has no {lang:?} text");
                assert!(!text.contains("{}"), "{msg:?}: a placeholder left in {text:?}");
            }
        }
    }

    #[test]
    fn figures_read_as_a_facilitator_says_them() {
        assert_eq!(ReviewMsg::Behind { minutes: 12 }.text(Lang::De), "12 min hinter Plan");
        assert_eq!(ReviewMsg::Behind { minutes: -3 }.text(Lang::En), "3 min ahead");
        assert_eq!(ReviewMsg::Cases { cases: 1 }.text(Lang::De), "1 Fall");
        assert_eq!(
            ReviewMsg::NeverMet { never: 4, pairs: 10 }.text(Lang::En),
            "6 of 10 pairs have been in a group together, 4 never."
        );
    }
}
