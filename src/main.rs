//! The `moderato` command line: parses arguments, dispatches, and turns every
//! outcome into a message and an exit code (0 ok, 1 runtime error, 2 usage or invalid input).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use moderato::i18n::{Lang, Msg};
use moderato::plan::{self, PlanError, Severity};

#[derive(Parser)]
#[command(name = "moderato", version, about, arg_required_else_help = true)]
struct Cli {
    /// Language of the interface (default: from LC_ALL / LANG).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    De,
    En,
}

#[derive(Subcommand)]
enum Command {
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
    match cli.command {
        Command::Check { journey } => check(&journey, lang),
        Command::New { dir } => match plan::write_starter(&dir) {
            Ok(file) => {
                println!("{}", Msg::Created { path: file.display().to_string() }.text(lang));
                ExitCode::SUCCESS
            }
            Err(err) => plan_failure(&err, lang),
        },
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
                Msg::AlreadyExists { .. } | Msg::NotAJourney { .. } => ExitCode::from(EXIT_INVALID),
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
