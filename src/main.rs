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
//!   clap gives a mistyped command line).
//!
//! Everything printed passes through [`terminal_safe`]: plan and log text
//! can hold escape sequences that would otherwise drive the terminal.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use moderato::app::{self, AppError, RunOptions};
use moderato::error::ErrorKind;
use moderato::i18n::{FileMsg, PlanMsg};
use moderato::i18n::{Lang, Msg};
use moderato::plan::{self, PlanError, Severity};
use moderato::ui::{Theme, ThemeName};

/// Without a command, moderato opens the bundled demo journey.
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
    },
    /// The audience view in a second terminal, following the console's log.
    Project {
        /// The journey directory (holding journey.toml).
        journey: PathBuf,
        /// The station to show; without it, the station whose console is running, else a picker.
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

/// Prints to stdout, made safe for the terminal.
fn say(text: &str) {
    print!("{}", terminal_safe(text));
}

/// Prints a line to stderr, made safe for the terminal.
fn complain(text: &str) {
    eprintln!("{}", terminal_safe(text));
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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
    let run = |journey: Option<PathBuf>, station: Option<String>, quiet: bool| {
        console(RunOptions { journey, station, lang, theme, quiet }, lang)
    };
    match cli.command {
        None => run(None, None, false),
        Some(Command::Run { journey, station, quiet }) => run(Some(journey), station, quiet),
        Some(Command::Project { journey, station }) => {
            // An explicit --lang also sets the room's language; without it the room reads the journey's.
            let room_lang = cli.lang.map(|arg| match arg {
                LangArg::De => Lang::De,
                LangArg::En => Lang::En,
            });
            outcome(app::project(app::ProjectOptions { journey, station, lang, room_lang, theme }), lang)
        }
        Some(Command::Check { journey }) => check(&journey, lang),
        Some(Command::New { dir }) => match plan::write_starter(&dir) {
            Ok(file) => {
                say(&format!(
                    "{}\n",
                    Msg::Files(FileMsg::Created { path: file.display().to_string() }).text(lang)
                ));
                ExitCode::SUCCESS
            }
            Err(err) => plan_failure(&err, lang),
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
