//! The `moderato` command line: parses arguments, dispatches, and turns every
//! outcome into a message and an exit code chosen by the kind of failure:
//!
//! - 0: done.
//! - 1: a runtime failure: reading or writing failed (IO), a station log is
//!   damaged (nothing on the command line can fix it; the message says what
//!   to do), or the station is open in another console (a conflict that ends
//!   when that console quits).
//! - 2: usage or invalid input: a path or station that does not exist, a
//!   plan with errors, `run` or `project` without a terminal (the same code
//!   clap gives a mistyped command line). `review` and `export` also exit 2
//!   for a station log they cannot read (they only read it: the log is their
//!   input, nothing they could repair): the message names the file and line,
//!   and nothing is written.
//!
//! Everything printed passes through [`terminal_safe`]: plan and log text
//! can hold escape sequences that would otherwise drive the terminal.
//!
//! `--help` and the command line's mistakes speak the chosen language: the
//! language is read from the raw arguments (or the locale) before clap parses
//! them, and [`command`] takes its texts from the i18n table.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind as ParseErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use moderato::app::{self, AppError, RunOptions};
use moderato::error::ErrorKind;
use std::io::Write;

use moderato::agenda::Audience;
use moderato::i18n::{AgendaMsg, CliLabel, CliMsg, ConsoleMsg, ExportMsg, FileMsg, PlanMsg};
use moderato::i18n::{Lang, Msg, ServeLabel};
use moderato::plan::{self, PlanError, Severity};
use moderato::store::output::{write_output, write_outputs};
use moderato::ui::{Theme, ThemeName};

/// Without a command, moderato opens the bundled demo journey. (What `--help`
/// says comes from the i18n table, see [`command`]; these comments are for readers of the code.)
#[derive(Parser)]
#[command(name = "moderato", version, about)]
struct Cli {
    /// Language of the interface (default: from LC_ALL / LANG).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    /// Colours: dark, light, or contrast for a washed-out projector. NO_COLOR is honoured.
    #[arg(long, global = true, value_enum, default_value = "dark")]
    theme: ThemeArg,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ThemeArg {
    Dark,
    Light,
    Contrast,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    De,
    En,
}

#[derive(Subcommand)]
enum Command {
    /// The facilitator console: run a station live (resumes a station that has a log).
    Run {
        /// The journey directory (holding journey.toml).
        journey: PathBuf,
        /// The station to open; without it, a picker lists the stations.
        #[arg(long)]
        station: Option<String>,
        /// No terminal bell when a timer reaches zero.
        #[arg(long)]
        quiet: bool,
        /// Discard the station's rehearsal (after confirming, with a backup) and start afresh.
        #[arg(long, requires = "station")]
        fresh: bool,
    },
    /// The audience view in a second terminal, following the console's log.
    Project {
        /// The journey directory (holding journey.toml).
        journey: PathBuf,
        /// The station to show; without it, the station whose console is running, else a picker.
        #[arg(long)]
        station: Option<String>,
    },
    /// The room's view and each group's view for browsers on the local network (read-only).
    Serve {
        /// The journey directory (holding journey.toml).
        journey: PathBuf,
        /// The station to show.
        #[arg(long)]
        station: String,
        /// Address and port (default 127.0.0.1:8470).
        #[arg(long, value_name = "ADDR:PORT")]
        listen: Option<std::net::SocketAddr>,
        /// Reachable on the local network.
        #[arg(long)]
        lan: bool,
        /// Keep the access token in this file across runs.
        #[arg(long, value_name = "FILE")]
        token_file: Option<PathBuf>,
    },
    /// Look back at the journey's stations, read-only: never takes a lock, never writes.
    Review {
        /// The journey directory (holding journey.toml).
        journey: PathBuf,
        /// Open on this station's timeline; without it, on the journey.
        #[arg(long)]
        station: Option<String>,
    },
    /// Validate a journey plan: exit 0 with each station's times, or 2 with every problem.
    Check {
        /// The journey directory (holding journey.toml) or the plan file itself.
        journey: PathBuf,
    },
    /// Start a new journey from a commented template.
    New {
        /// The directory to create the journey in.
        dir: PathBuf,
    },
    /// The groups the engine would form now for a station, honouring the journey's history.
    Groups {
        /// The journey directory (holding journey.toml).
        journey: PathBuf,
        /// The station to form groups for.
        #[arg(long)]
        station: String,
        /// The group size (groups of this size and one less).
        #[arg(long)]
        size: usize,
        /// How many rounds.
        #[arg(long, default_value_t = 1)]
        rounds: usize,
        /// The seed: the same seed gives the same groups.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Participants not there, comma-separated ids.
        #[arg(long, value_delimiter = ',')]
        absent: Vec<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// The most seconds the search may take.
        #[arg(long, default_value_t = 2.0)]
        time: f64,
    },
    /// Before the day: the participants' agenda or the facilitator's run sheet.
    Agenda {
        /// The journey directory (holding journey.toml) or the plan file itself.
        journey: PathBuf,
        /// Only this station; without it, every station.
        #[arg(long)]
        station: Option<String>,
        /// md, html or ics.
        #[arg(long, value_enum)]
        format: AgendaFormat,
        /// The run sheet instead of the participants' agenda.
        #[arg(long)]
        facilitator: bool,
        /// With ics: one calendar entry per block.
        #[arg(long)]
        blocks: bool,
        /// The file to write; without it, standard output.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Replace an existing file.
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// After the station: the protocol (md, html) or the figures (csv), from the logs.
    Export {
        /// The journey directory (holding journey.toml) or the plan file itself.
        journey: PathBuf,
        /// Only this station; without it, every station with a log.
        #[arg(long)]
        station: Option<String>,
        /// md, html or csv.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The file (md, html) or directory (csv); without it, md and html go to standard output.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// Replace existing files.
        #[arg(long, requires = "output")]
        force: bool,
        /// rfc (default) or excel-de.
        #[arg(long, value_enum)]
        csv_dialect: Option<CsvDialectArg>,
        /// Who it is for: participants (the protocol, default), office (the report) or facilitator (everything).
        #[arg(long = "for", value_enum, default_value = "participants")]
        audience: AudienceArg,
        /// With --for office: the talk time per person too, not only per organisation.
        #[arg(long)]
        talk_time_per_person: bool,
        /// Leave text cells that begin like a formula as they are (for scripts).
        #[arg(long)]
        csv_raw: bool,
        /// With --for facilitator: include the facilitator's private notes.
        #[arg(long)]
        include_notes: bool,
        /// With --for facilitator: include the consultations' confidential case content.
        #[arg(long)]
        include_confidential: bool,
        /// Replace names and organisations by P01 …, O01 ….
        #[arg(long)]
        pseudonymize: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    Md,
    Html,
    Csv,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AudienceArg {
    Participants,
    Office,
    Facilitator,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CsvDialectArg {
    Rfc,
    ExcelDe,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AgendaFormat {
    Md,
    Html,
    Ics,
}

const EXIT_RUNTIME: u8 = 1;
const EXIT_INVALID: u8 = 2;

/// The exit code for a kind of failure (the mapping is documented at the top).
fn exit_code(kind: ErrorKind) -> ExitCode {
    ExitCode::from(match kind {
        ErrorKind::Usage | ErrorKind::InvalidInput => EXIT_INVALID,
        ErrorKind::Damaged | ErrorKind::Conflict | ErrorKind::Io => EXIT_RUNTIME,
    })
}

/// `text` with every control character (C0 but the newline, DEL, C1) and
/// every bidirectional override shown as a visible `\u{..}` escape instead of
/// reaching the terminal: no escape sequence from a plan or a log can set a
/// window title, write the clipboard or query the cursor.
fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if (c.is_control() && c != '\n') || bidi {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Prints to stdout, made safe for the terminal. A failed write (a closed
/// pipe, a terminal window closed meanwhile) is ignored: `print!` would
/// panic, and a panic is no way to end after the work is done.
fn say(text: &str) {
    let _ = write!(std::io::stdout(), "{}", terminal_safe(text));
}

/// Prints a line to stderr, made safe for the terminal; a failed write is ignored (see [`say`]).
fn complain(text: &str) {
    let _ = writeln!(std::io::stderr(), "{}", terminal_safe(text));
}

/// The language asked for on the command line, read before clap parses it,
/// so that `--help` and clap's errors already speak it.
fn lang_from_args(args: &[OsString]) -> Option<Lang> {
    let mut rest = args.iter().skip(1).map(|arg| arg.to_string_lossy());
    while let Some(arg) = rest.next() {
        let value = if arg == "--" {
            return None;
        } else if arg == "--lang" {
            rest.next().map(|value| value.into_owned())
        } else if let Some(value) = arg.strip_prefix("--lang=") {
            Some(value.to_string())
        } else {
            continue;
        };
        return match value.as_deref() {
            Some("de") => Some(Lang::De),
            Some("en") => Some(Lang::En),
            _ => None,
        };
    }
    None
}

/// The command line with its help texts from the i18n table. clap has no
/// German, so the help flag, the version flag and the `help` command are ours,
/// with translated texts; the headings and placeholders follow the language.
fn command(lang: Lang) -> clap::Command {
    let t = |label: CliLabel| label.text(lang);
    let option = |arg: Arg, help: CliLabel| arg.help(t(help)).help_heading(t(CliLabel::OptionsHeading));
    let journey = |arg: Arg, help: CliLabel| {
        arg.help(t(help)).value_name(t(CliLabel::JourneyValue)).help_heading(t(CliLabel::ArgumentsHeading))
    };
    Cli::command()
        .about(t(CliLabel::About))
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading(t(CliLabel::CommandsHeading))
        .subcommand_value_name(t(CliLabel::CommandValue))
        .arg(option(
            Arg::new("help").short('h').long("help").global(true).action(ArgAction::Help),
            CliLabel::HelpHelp,
        ))
        .arg(option(
            Arg::new("version").short('V').long("version").action(ArgAction::Version),
            CliLabel::VersionHelp,
        ))
        .mut_arg("lang", |arg| {
            option(arg, CliLabel::LangHelp).value_name(t(CliLabel::LangValue)).hide_possible_values(true)
        })
        .mut_arg("theme", |arg| {
            option(arg, CliLabel::ThemeHelp)
                .value_name(t(CliLabel::ThemeValue))
                .hide_possible_values(true)
                .hide_default_value(true)
        })
        .mut_subcommand("run", |run| {
            run.about(t(CliLabel::RunAbout))
                .mut_arg("journey", |arg| journey(arg, CliLabel::JourneyHelp))
                .mut_arg("station", |arg| option(arg, CliLabel::RunStationHelp))
                .mut_arg("quiet", |arg| option(arg, CliLabel::QuietHelp))
                .mut_arg("fresh", |arg| option(arg, CliLabel::FreshHelp))
        })
        .mut_subcommand("project", |project| {
            project
                .about(t(CliLabel::ProjectAbout))
                .mut_arg("journey", |arg| journey(arg, CliLabel::JourneyHelp))
                .mut_arg("station", |arg| option(arg, CliLabel::ProjectStationHelp))
        })
        .mut_subcommand("serve", |serve| {
            serve
                .about(ServeLabel::About.text(lang))
                .mut_arg("journey", |arg| journey(arg, CliLabel::JourneyHelp))
                .mut_arg("station", |arg| {
                    arg.help(ServeLabel::StationHelp.text(lang)).help_heading(t(CliLabel::OptionsHeading))
                })
                .mut_arg("listen", |arg| {
                    arg.help(ServeLabel::ListenHelp.text(lang)).help_heading(t(CliLabel::OptionsHeading))
                })
                .mut_arg("lan", |arg| {
                    arg.help(ServeLabel::LanHelp.text(lang)).help_heading(t(CliLabel::OptionsHeading))
                })
                .mut_arg("token_file", |arg| {
                    arg.help(ServeLabel::TokenFileHelp.text(lang)).help_heading(t(CliLabel::OptionsHeading))
                })
        })
        .mut_subcommand("review", |review| {
            review
                .about(t(CliLabel::ReviewAbout))
                .mut_arg("journey", |arg| journey(arg, CliLabel::JourneyHelp))
                .mut_arg("station", |arg| option(arg, CliLabel::ReviewStationHelp))
        })
        .mut_subcommand("check", |check| {
            check
                .about(t(CliLabel::CheckAbout))
                .mut_arg("journey", |arg| journey(arg, CliLabel::CheckJourneyHelp))
        })
        .mut_subcommand("new", |new| {
            new.about(t(CliLabel::NewAbout)).mut_arg("dir", |arg| {
                arg.help(t(CliLabel::NewDirHelp))
                    .value_name(t(CliLabel::DirValue))
                    .help_heading(t(CliLabel::ArgumentsHeading))
            })
        })
        .mut_subcommand("groups", |groups| {
            groups
                .about(t(CliLabel::GroupsAbout))
                .mut_arg("journey", |arg| journey(arg, CliLabel::JourneyHelp))
                .mut_arg("station", |arg| option(arg, CliLabel::GroupsStationHelp))
                .mut_arg("size", |arg| option(arg, CliLabel::GroupsSizeHelp))
                .mut_arg("rounds", |arg| option(arg, CliLabel::GroupsRoundsHelp))
                .mut_arg("seed", |arg| option(arg, CliLabel::GroupsSeedHelp))
                .mut_arg("absent", |arg| option(arg, CliLabel::GroupsAbsentHelp))
                .mut_arg("json", |arg| option(arg, CliLabel::GroupsJsonHelp))
                .mut_arg("time", |arg| option(arg, CliLabel::GroupsTimeHelp))
        })
        .mut_subcommand("agenda", |agenda| {
            agenda
                .about(t(CliLabel::AgendaAbout))
                .mut_arg("journey", |arg| journey(arg, CliLabel::CheckJourneyHelp))
                .mut_arg("station", |arg| option(arg, CliLabel::AgendaStationHelp))
                .mut_arg("format", |arg| {
                    option(arg, CliLabel::AgendaFormatHelp)
                        .value_name(t(CliLabel::FormatValue))
                        .hide_possible_values(true)
                })
                .mut_arg("facilitator", |arg| option(arg, CliLabel::FacilitatorHelp))
                .mut_arg("blocks", |arg| option(arg, CliLabel::BlocksHelp))
                .mut_arg("output", |arg| option(arg, CliLabel::OutputHelp).value_name(t(CliLabel::FileValue)))
                .mut_arg("force", |arg| option(arg, CliLabel::ForceHelp))
        })
        .mut_subcommand("export", |export| {
            export
                .about(t(CliLabel::ExportAbout))
                .mut_arg("journey", |arg| journey(arg, CliLabel::CheckJourneyHelp))
                .mut_arg("station", |arg| option(arg, CliLabel::ExportStationHelp))
                .mut_arg("format", |arg| {
                    option(arg, CliLabel::ExportFormatHelp)
                        .value_name(t(CliLabel::FormatValue))
                        .hide_possible_values(true)
                })
                .mut_arg("output", |arg| {
                    option(arg, CliLabel::ExportOutputHelp).value_name(t(CliLabel::PathValue))
                })
                .mut_arg("force", |arg| option(arg, CliLabel::ExportForceHelp))
                .mut_arg("csv_dialect", |arg| {
                    option(arg, CliLabel::CsvDialectHelp)
                        .value_name(t(CliLabel::DialectValue))
                        .hide_possible_values(true)
                })
                .mut_arg("csv_raw", |arg| option(arg, CliLabel::CsvRawHelp))
                .mut_arg("include_notes", |arg| option(arg, CliLabel::IncludeNotesHelp))
                .mut_arg("include_confidential", |arg| option(arg, CliLabel::IncludeConfidentialHelp))
                .mut_arg("pseudonymize", |arg| option(arg, CliLabel::PseudonymizeHelp))
                .mut_arg("audience", |arg| {
                    option(arg, CliLabel::ExportForHelp)
                        .value_name(t(CliLabel::AudienceValue))
                        .hide_possible_values(true)
                        .hide_default_value(true)
                })
                .mut_arg("talk_time_per_person", |arg| option(arg, CliLabel::TalkPerPersonHelp))
        })
        .subcommand(
            clap::Command::new("help").about(t(CliLabel::HelpAbout)).arg(
                Arg::new("command")
                    .value_name(t(CliLabel::CommandValue))
                    .help(t(CliLabel::HelpCommandHelp))
                    .help_heading(t(CliLabel::ArgumentsHeading)),
            ),
        )
}

/// clap's own words that remain in what it renders (the usage heading, the
/// options placeholder, the error label), in the chosen language.
fn localize(rendered: &str, lang: Lang) -> String {
    match lang {
        Lang::En => rendered.to_string(),
        Lang::De => rendered
            .replace("Usage:", CliLabel::UsageHeading.text(lang))
            .replace("[OPTIONS]", CliLabel::OptionsPlaceholder.text(lang))
            .replace("error:", &format!("{}:", CliLabel::ErrorPrefix.text(lang)))
            .replace("For more information, try '--help'.", CliLabel::MoreInformation.text(lang)),
    }
}

/// The text of one piece of a clap error's context.
fn context(err: &clap::Error, kind: ContextKind) -> Option<String> {
    err.get(kind).map(|value| match value {
        ContextValue::Strings(values) => values.join(", "),
        other => other.to_string(),
    })
}

/// A command line clap could not parse: help and version are printed, a
/// mistake is named in the chosen language with the usage, and exits 2.
fn parse_failure(err: &clap::Error, lang: Lang) -> ExitCode {
    match err.kind() {
        ParseErrorKind::DisplayHelp | ParseErrorKind::DisplayVersion => {
            say(&localize(&err.render().to_string(), lang));
            return ExitCode::SUCCESS;
        }
        _ if lang == Lang::En => {
            let _ = write!(std::io::stderr(), "{}", terminal_safe(&err.render().to_string()));
            return ExitCode::from(EXIT_INVALID);
        }
        _ => {}
    }
    let arg = || context(err, ContextKind::InvalidArg).unwrap_or_default();
    let msg = match err.kind() {
        ParseErrorKind::UnknownArgument => Some(CliMsg::UnknownArgument { arg: arg() }),
        ParseErrorKind::InvalidSubcommand => Some(CliMsg::UnknownCommand {
            command: context(err, ContextKind::InvalidSubcommand).unwrap_or_default(),
        }),
        ParseErrorKind::MissingRequiredArgument => {
            let args = match err.get(ContextKind::InvalidArg) {
                Some(ContextValue::Strings(args)) => {
                    args.iter().map(|arg| format!("  {arg}")).collect::<Vec<_>>().join("\n")
                }
                _ => format!("  {}", arg()),
            };
            Some(CliMsg::MissingArguments { args })
        }
        ParseErrorKind::InvalidValue => match context(err, ContextKind::InvalidValue) {
            Some(value) if !value.is_empty() => Some(CliMsg::InvalidValue {
                arg: arg(),
                value,
                allowed: context(err, ContextKind::ValidValue).unwrap_or_default(),
            }),
            _ => Some(CliMsg::MissingValue { arg: arg() }),
        },
        ParseErrorKind::NoEquals
        | ParseErrorKind::TooManyValues
        | ParseErrorKind::TooFewValues
        | ParseErrorKind::WrongNumberOfValues
        | ParseErrorKind::ArgumentConflict => Some(CliMsg::UnexpectedArgument { arg: arg() }),
        _ => None,
    };
    let Some(msg) = msg else {
        // A mistake without German words of ours: clap's, with its frame translated.
        let _ = write!(std::io::stderr(), "{}", terminal_safe(&localize(&err.render().to_string(), lang)));
        return ExitCode::from(EXIT_INVALID);
    };
    let mut text = format!("{}: {}\n", CliLabel::ErrorPrefix.text(lang), msg.text(lang));
    let suggestion =
        [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg, ContextKind::SuggestedValue]
            .into_iter()
            .find_map(|kind| context(err, kind));
    if let Some(suggestion) = suggestion {
        text.push_str(&format!("\n  {}\n", CliMsg::Tip { suggestion }.text(lang)));
    }
    if let Some(usage) = context(err, ContextKind::Usage) {
        text.push_str(&format!("\n{}\n", localize(usage.trim_end(), lang)));
    }
    text.push_str(&format!("\n{}", CliLabel::MoreInformation.text(lang)));
    complain(&text);
    ExitCode::from(EXIT_INVALID)
}

/// `moderato help [COMMAND]`: the help of the command named, or of moderato.
fn print_help(name: Option<&String>, lang: Lang) -> ExitCode {
    let mut root = command(lang);
    // Built, a command's subcommands carry the global options and their full name.
    root.build();
    let help = match name {
        None => root.render_help(),
        Some(name) => match root.find_subcommand_mut(name) {
            Some(sub) => sub.render_help(),
            None => {
                complain(&format!(
                    "{}: {}",
                    CliLabel::ErrorPrefix.text(lang),
                    CliMsg::UnknownCommand { command: name.clone() }.text(lang)
                ));
                return ExitCode::from(EXIT_INVALID);
            }
        },
    };
    say(&localize(&help.to_string(), lang));
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let asked = lang_from_args(&args);
    let matches = match command(asked.unwrap_or_else(Lang::from_env)).try_get_matches_from(&args) {
        Ok(matches) => matches,
        Err(err) => return parse_failure(&err, asked.unwrap_or_else(Lang::from_env)),
    };
    if let Some(("help", help)) = matches.subcommand() {
        return print_help(help.get_one::<String>("command"), asked.unwrap_or_else(Lang::from_env));
    }
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => return parse_failure(&err, asked.unwrap_or_else(Lang::from_env)),
    };
    let lang = match cli.lang {
        Some(LangArg::De) => Lang::De,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    let theme = Theme::new(
        match cli.theme {
            ThemeArg::Dark => ThemeName::Dark,
            ThemeArg::Light => ThemeName::Light,
            ThemeArg::Contrast => ThemeName::Contrast,
        },
        no_color,
    );
    let run = |journey: Option<PathBuf>, station: Option<String>, quiet: bool, fresh: bool| {
        console(RunOptions { journey, station, lang, theme, quiet, fresh }, lang)
    };
    match cli.command {
        None => run(None, None, false, false),
        Some(Command::Run { journey, station, quiet, fresh }) => run(Some(journey), station, quiet, fresh),
        Some(Command::Project { journey, station }) => {
            // An explicit --lang also sets the room's language; without it the room reads the journey's.
            let room_lang = cli.lang.map(|arg| match arg {
                LangArg::De => Lang::De,
                LangArg::En => Lang::En,
            });
            outcome(app::project(app::ProjectOptions { journey, station, lang, room_lang, theme }), lang)
        }
        Some(Command::Serve { journey, station, listen, lan, token_file }) => {
            let room_lang = cli.lang.map(|arg| match arg {
                LangArg::De => Lang::De,
                LangArg::En => Lang::En,
            });
            let contrast = matches!(cli.theme, ThemeArg::Contrast);
            let options = moderato::serve::ServeOptions {
                journey,
                station,
                listen,
                lan,
                token_file,
                lang,
                room_lang,
                contrast,
            };
            outcome(moderato::serve::serve(options), lang)
        }
        Some(Command::Review { journey, station }) => {
            // A log review cannot read is invalid input for it (exit 2), see app::review::read_stats.
            outcome(app::review::review(app::review::ReviewOptions { journey, station, lang, theme }), lang)
        }
        Some(Command::Check { journey }) => check(&journey, lang),
        Some(Command::New { dir }) => match plan::write_starter(&dir, lang) {
            Ok(file) => {
                say(&format!(
                    "{}\n",
                    Msg::Files(FileMsg::Created { path: file.display().to_string() }).text(lang)
                ));
                ExitCode::SUCCESS
            }
            Err(err) => plan_failure(&err, lang),
        },
        Some(Command::Groups { journey, station, size, rounds, seed, absent, json, time }) => {
            let options =
                app::groups::GroupsOptions { journey, station, size, rounds, seed, absent, json, time };
            match app::groups::groups(&options, lang) {
                Ok(text) => {
                    say(&text);
                    ExitCode::SUCCESS
                }
                Err(app::groups::GroupsError::Plan(err)) => plan_failure(&err, lang),
                Err(app::groups::GroupsError::Invalid(msg)) => {
                    complain(&format!("moderato: {}", msg.text(lang)));
                    ExitCode::from(EXIT_INVALID)
                }
            }
        }
        Some(Command::Agenda { journey, station, format, facilitator, blocks, output, force }) => {
            agenda(&AgendaArgs { journey, station, format, facilitator, blocks, output, force }, lang)
        }
        Some(Command::Export {
            journey,
            station,
            format,
            output,
            force,
            csv_dialect,
            audience,
            talk_time_per_person,
            csv_raw,
            include_notes,
            include_confidential,
            pseudonymize,
        }) => {
            let audience = match audience {
                AudienceArg::Participants => moderato::export::Audience::Participants,
                AudienceArg::Office => moderato::export::Audience::Office,
                AudienceArg::Facilitator => moderato::export::Audience::Facilitator,
            };
            let options = moderato::export::Options {
                audience,
                talk_time_per_person,
                include_notes,
                include_confidential,
                pseudonymize,
            };
            export(
                &ExportArgs { journey, station, format, output, force, csv_dialect, csv_raw, options },
                lang,
            )
        }
    }
}

/// What `moderato export` was asked for.
struct ExportArgs {
    journey: PathBuf,
    station: Option<String>,
    format: ExportFormat,
    output: Option<PathBuf>,
    force: bool,
    csv_dialect: Option<CsvDialectArg>,
    csv_raw: bool,
    options: moderato::export::Options,
}

/// `moderato export`: the protocol or the figures of the journey's stations
/// (or one), computed whole from the logs before anything is written.
fn export(args: &ExportArgs, lang: Lang) -> ExitCode {
    use moderato::export::{self, CsvDialect, Formulas};
    let usage = |text: String| {
        complain(&format!("moderato: {text}"));
        ExitCode::from(EXIT_INVALID)
    };
    if args.format == ExportFormat::Csv && args.output.is_none() {
        return usage(ExportMsg::CsvNeedsDirectory.text(lang));
    }
    let facilitator = args.options.audience == export::Audience::Facilitator;
    if (args.options.include_notes || args.options.include_confidential) && !facilitator {
        return usage(ExportMsg::OnlyForFacilitator.text(lang));
    }
    if args.options.talk_time_per_person && args.options.audience != export::Audience::Office {
        return usage(ExportMsg::PerPersonOnlyForOffice.text(lang));
    }
    if args.format != ExportFormat::Csv && (args.csv_dialect.is_some() || args.csv_raw) {
        return usage(ExportMsg::DialectOnlyCsv.text(lang));
    }
    if args.format != ExportFormat::Csv
        && let Some(path) = args.output.as_ref().filter(|path| path.is_dir())
    {
        return usage(ExportMsg::OutputIsDirectory { path: path.display().to_string() }.text(lang));
    }
    let loaded = match plan::load(&args.journey) {
        Ok(loaded) => loaded,
        Err(err) => return plan_failure(&err, lang),
    };
    if let Some(zone) = loaded.assumed_zone {
        let msg = Msg::Plan(PlanMsg::ZoneAssumed { zone: zone.name().to_string() });
        complain(&format!("{}: {}: {}", loaded.file.display(), PlanMsg::Warning.text(lang), msg.text(lang)));
    }
    let journey = &loaded.journey;
    if let Some(id) = &args.station
        && journey.station(id).is_none()
    {
        let known = journey.stations.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ");
        return usage(Msg::Console(ConsoleMsg::UnknownStation { station: id.clone(), known }).text(lang));
    }
    // Every log is read (and must be readable) before anything is written.
    let logs_dir = moderato::store::logs_dir(loaded.file.parent().unwrap_or(std::path::Path::new(".")));
    let logs = match moderato::store::read_journey_logs(&logs_dir, journey) {
        Ok((logs, notices)) => {
            // A torn last line (a power cut mid-write) is left out, and said.
            for notice in notices {
                complain(&format!("moderato: {}", notice.text(lang)));
            }
            logs
        }
        Err(err) => return usage(err.0.text(lang)),
    };
    match &args.station {
        Some(id) if !logs.contains_key(id) => {
            return usage(ExportMsg::NoLog { station: id.clone() }.text(lang));
        }
        None if logs.is_empty() => return usage(ExportMsg::NoLogs.text(lang)),
        Some(_) | None => {}
    }
    let protocol = export::protocol(journey, &logs, args.station.as_deref(), args.options);
    let text = match args.format {
        ExportFormat::Md => export::markdown(&protocol),
        ExportFormat::Html => export::html(&protocol),
        ExportFormat::Csv => {
            let dialect = match args.csv_dialect {
                Some(CsvDialectArg::Rfc) | None => CsvDialect::Rfc,
                Some(CsvDialectArg::ExcelDe) => CsvDialect::ExcelDe,
            };
            let formulas = if args.csv_raw {
                complain(&format!("moderato: {}", ExportMsg::CsvRaw.text(lang)));
                Formulas::Raw
            } else {
                Formulas::Neutralised
            };
            return match export::csv_files(&protocol, dialect, formulas) {
                Ok(files) if names_left(&protocol, files.iter().map(|file| file.bytes.as_slice()), lang) => {
                    exit_code(ErrorKind::Io)
                }
                Ok(files) => match write_csv(args, &files, lang) {
                    code if code == ExitCode::SUCCESS && protocol.holds_private() => {
                        let dir = args.output.as_deref().unwrap_or(std::path::Path::new("."));
                        let paths: Vec<_> = files.iter().map(|file| dir.join(file.name)).collect();
                        owner_only(&paths, lang)
                    }
                    code => code,
                },
                Err(err) => {
                    complain(&format!("moderato: {err}"));
                    exit_code(ErrorKind::Io)
                }
            };
        }
    };
    if names_left(&protocol, std::iter::once(text.as_bytes()), lang) {
        return exit_code(ErrorKind::Io);
    }
    match deliver(&text, args.output.as_deref(), args.force, lang) {
        code if code == ExitCode::SUCCESS && protocol.holds_private() => match &args.output {
            Some(path) => owner_only(std::slice::from_ref(path), lang),
            None => code,
        },
        code => code,
    }
}

/// The closing check of a pseudonymized export: whether a name is left in
/// any of its files (then said, and nothing is written).
fn names_left<'a>(
    protocol: &moderato::export::Protocol,
    files: impl Iterator<Item = &'a [u8]>,
    lang: Lang,
) -> bool {
    let mut left: Vec<String> = Vec::new();
    for bytes in files {
        for name in protocol.left_names(&String::from_utf8_lossy(bytes)) {
            if !left.contains(&name) {
                left.push(name);
            }
        }
    }
    if !left.is_empty() {
        complain(&format!("moderato: {}", ExportMsg::NamesLeft { names: left.join(", ") }.text(lang)));
    }
    !left.is_empty()
}

/// Files of an export holding confidential content or notes: readable and
/// writable by their owner alone (0600), as the station logs are.
fn owner_only(paths: &[PathBuf], lang: Lang) -> ExitCode {
    for path in paths {
        if let Err(err) = restrict_to_owner(path) {
            let msg = AgendaMsg::CannotWrite { path: path.display().to_string(), reason: err.to_string() };
            complain(&format!("moderato: {}", msg.text(lang)));
            return exit_code(ErrorKind::Io);
        }
    }
    ExitCode::SUCCESS
}

#[cfg(unix)]
fn restrict_to_owner(path: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

/// Elsewhere a file's access is the folder's (a user's profile on Windows).
#[cfg(not(unix))]
fn restrict_to_owner(_path: &std::path::Path) -> std::io::Result<()> {
    Ok(())
}

/// The five CSV files into the directory of `-o` (made if missing), all or
/// none: none is written if one of them is there already and `--force` is
/// not given, and none is left (nor the directory made for them) if one
/// cannot be written.
fn write_csv(args: &ExportArgs, files: &[moderato::export::CsvFile], lang: Lang) -> ExitCode {
    let Some(dir) = &args.output else {
        return ExitCode::from(EXIT_INVALID);
    };
    // All five or none: a disk error at the third leaves no two behind, and
    // a directory made for them is removed again.
    let bytes: Vec<(&str, &[u8])> = files.iter().map(|file| (file.name, file.bytes.as_slice())).collect();
    if let Err(err) = write_outputs(dir, &bytes, args.force) {
        complain(&format!("moderato: {}", err.msg.text(lang)));
        return exit_code(err.kind);
    }
    for file in files {
        complain(&AgendaMsg::Written { path: dir.join(file.name).display().to_string() }.text(lang));
    }
    ExitCode::SUCCESS
}

/// What `moderato agenda` was asked for.
struct AgendaArgs {
    journey: PathBuf,
    station: Option<String>,
    format: AgendaFormat,
    facilitator: bool,
    blocks: bool,
    output: Option<PathBuf>,
    force: bool,
}

/// `moderato agenda`: the agenda, calendar or run sheet of the journey's
/// stations (or one), to a file written whole or to standard output.
fn agenda(args: &AgendaArgs, lang: Lang) -> ExitCode {
    let usage = |msg: AgendaMsg| {
        complain(&format!("moderato: {}", msg.text(lang)));
        ExitCode::from(EXIT_INVALID)
    };
    if args.blocks && args.format != AgendaFormat::Ics {
        return usage(AgendaMsg::BlocksOnlyIcs);
    }
    if args.facilitator && args.format == AgendaFormat::Ics {
        return usage(AgendaMsg::FacilitatorNotIcs);
    }
    let loaded = match plan::load(&args.journey) {
        Ok(loaded) => loaded,
        Err(err) => return plan_failure(&err, lang),
    };
    if let Some(zone) = loaded.assumed_zone {
        let msg = Msg::Plan(PlanMsg::ZoneAssumed { zone: zone.name().to_string() });
        complain(&format!("{}: {}: {}", loaded.file.display(), PlanMsg::Warning.text(lang), msg.text(lang)));
    }
    let journey = &loaded.journey;
    let stations: Vec<&plan::Station> = match &args.station {
        Some(id) => match journey.station(id) {
            Some(station) => vec![station],
            None => {
                let known = journey.stations.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ");
                let msg = Msg::Console(ConsoleMsg::UnknownStation { station: id.clone(), known });
                complain(&format!("moderato: {}", msg.text(lang)));
                return ExitCode::from(EXIT_INVALID);
            }
        },
        None => journey.stations.iter().collect(),
    };
    let audience = if args.facilitator { Audience::Facilitator } else { Audience::Participants };
    let text = match args.format {
        AgendaFormat::Md => moderato::agenda::markdown(journey, &stations, audience),
        AgendaFormat::Html => moderato::agenda::html(journey, &stations, audience),
        AgendaFormat::Ics => moderato::agenda::ics(journey, &stations, args.blocks, chrono::Utc::now()),
    };
    deliver(&text, args.output.as_deref(), args.force, lang)
}

/// A document of `agenda` or `export` to standard output or, written whole,
/// to `output`. The documents carry no control characters (the renderers
/// drop them): the bytes go out as they are, CRLF included.
fn deliver(text: &str, output: Option<&std::path::Path>, force: bool, lang: Lang) -> ExitCode {
    match output {
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    complain(&format!("moderato: {err}"));
                    exit_code(ErrorKind::Io)
                }
            }
        }
        Some(path) => match write_output(path, text.as_bytes(), force) {
            Ok(()) => {
                complain(&AgendaMsg::Written { path: path.display().to_string() }.text(lang));
                ExitCode::SUCCESS
            }
            Err(err) => {
                complain(&format!("moderato: {}", err.msg.text(lang)));
                exit_code(err.kind)
            }
        },
    }
}

fn console(options: RunOptions, lang: Lang) -> ExitCode {
    outcome(app::run(options), lang)
}

fn outcome(result: Result<(), AppError>, lang: Lang) -> ExitCode {
    let err = match result {
        Ok(()) => return ExitCode::SUCCESS,
        Err(err) => err,
    };
    match &err {
        AppError::Plan(plan_err) => return plan_failure(plan_err, lang),
        AppError::Failed { msg, .. } => complain(&format!("moderato: {}", msg.text(lang))),
        AppError::Terminal(io) => complain(&format!("moderato: {io}")),
    }
    exit_code(err.kind())
}

fn check(journey: &std::path::Path, lang: Lang) -> ExitCode {
    match plan::load(journey) {
        Ok(loaded) => {
            say(&plan::check_report(&loaded, lang));
            ExitCode::SUCCESS
        }
        Err(err) => plan_failure(&err, lang),
    }
}

fn plan_failure(err: &PlanError, lang: Lang) -> ExitCode {
    match err {
        PlanError::Unreadable { msg, .. } => complain(&format!("moderato: {}", msg.text(lang))),
        PlanError::Invalid { file, problems } => {
            for problem in problems {
                complain(&problem.render(file, lang));
            }
            let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
            complain(
                &Msg::Plan(PlanMsg::CheckProblems { errors, warnings: problems.len() - errors }).text(lang),
            );
        }
    }
    exit_code(err.kind())
}

#[cfg(test)]
mod tests {
    use super::terminal_safe;

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(terminal_safe("a\u{1b}]0;pwned\u{7}b\n"), "a\\u{1b}]0;pwned\\u{7}b\n");
        assert_eq!(terminal_safe("\u{9b}6n\u{7f}\r\t"), "\\u{9b}6n\\u{7f}\\u{d}\\u{9}");
        assert_eq!(terminal_safe("\u{202e}txt"), "\\u{202e}txt");
        assert_eq!(terminal_safe("Begrüßung – „Impuls“ 🎉"), "Begrüßung – „Impuls“ 🎉");
    }
}
