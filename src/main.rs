//! The `moderato` command line: parses arguments, dispatches, and turns every
//! outcome into a message and an exit code (0 ok, 1 runtime error, 2 usage or invalid input).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use moderato::app::{self, AppError, RunOptions};
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
        /// The station to show.
        #[arg(long)]
        station: String,
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
            outcome(app::project(app::ProjectOptions { journey, station, lang, theme }), lang)
        }
        Some(Command::Check { journey }) => check(&journey, lang),
        Some(Command::New { dir }) => match plan::write_starter(&dir) {
            Ok(file) => {
                println!("{}", Msg::Created { path: file.display().to_string() }.text(lang));
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
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(AppError::Plan(err)) => plan_failure(&err, lang),
        Err(AppError::Refused(msg)) => {
            eprintln!("moderato: {}", msg.text(lang));
            ExitCode::from(EXIT_INVALID)
        }
        Err(AppError::Store(err)) => {
            eprintln!("moderato: {}", err.0.text(lang));
            ExitCode::from(EXIT_RUNTIME)
        }
        Err(AppError::Terminal(err)) => {
            eprintln!("moderato: {err}");
            ExitCode::from(EXIT_RUNTIME)
        }
    }
}

fn check(journey: &std::path::Path, lang: Lang) -> ExitCode {
    match plan::load(journey) {
        Ok(loaded) => {
            print!("{}", plan::check_report(&loaded, lang));
            ExitCode::SUCCESS
        }
        Err(err) => plan_failure(&err, lang),
    }
}

fn plan_failure(err: &PlanError, lang: Lang) -> ExitCode {
    match err {
        PlanError::Unreadable(msg) => {
            eprintln!("moderato: {}", msg.text(lang));
            match msg {
                Msg::AlreadyExists { .. } | Msg::NotAJourney { .. } | Msg::NoSuchPath { .. } => {
                    ExitCode::from(EXIT_INVALID)
                }
                _ => ExitCode::from(EXIT_RUNTIME),
            }
        }
        PlanError::Invalid { file, problems } => {
            for problem in problems {
                eprintln!("{}", problem.render(file, lang));
            }
            let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
            eprintln!("{}", Msg::CheckProblems { errors, warnings: problems.len() - errors }.text(lang));
            ExitCode::from(EXIT_INVALID)
        }
    }
}
