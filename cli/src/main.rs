//! `flowready`: check, gate, decide and explain a Product Quality Flow Coverage Matrix.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use flowready::{IsoDate, Level, Options, Priority};

/// The example matrix compiled into the binary; used when no FILE is given.
const BUNDLED: &str = include_str!("../../examples/matrix.md");
const BUNDLED_NAME: &str = "examples/matrix.md (bundled)";

#[derive(Parser)]
#[command(name = "flowready", version, about = "Make a Product Quality Flow Coverage Matrix executable")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the parsed model.
    Show {
        /// The matrix (Markdown). Without it, the bundled example.
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ShowFormat::Json)]
        format: ShowFormat,
    },
    /// Validate the document against its own gate rules. Exit 1 on any error finding.
    Check {
        file: Option<PathBuf>,
        #[command(flatten)]
        eval: EvalArgs,
    },
    /// May broad UAT start for this scope? Exit 0 only if every in-scope flow is ready or accepted_gap.
    Gate {
        file: Option<PathBuf>,
        #[command(flatten)]
        eval: EvalArgs,
        /// Gate only this priority (`P0`, `P1`) or `all`.
        #[arg(long, default_value = "all")]
        scope: String,
        /// Gate only these flows (repeatable).
        #[arg(long = "flow", value_name = "ID")]
        flows: Vec<String>,
    },
    /// Print the JSON Schemas of the model, the report and the options.
    Schema,
}

#[derive(Clone, Copy, ValueEnum)]
enum ShowFormat {
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
struct EvalArgs {
    /// Judge expiry as of this day (YYYY-MM-DD, UTC). Default: today.
    #[arg(long)]
    today: Option<String>,
    /// The gate threshold. Default: the level the document states, else L3.
    #[arg(long)]
    min_level: Option<String>,
    /// Treat every warning as an error.
    #[arg(long)]
    strict: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// A failure that makes the input unusable: exit 2 with one line on stderr.
struct Unusable(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Unusable(msg)) => {
            eprintln!("flowready: error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn read(file: Option<&PathBuf>) -> Result<(String, String), Unusable> {
    match file {
        None => Ok((BUNDLED_NAME.to_owned(), BUNDLED.to_owned())),
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| Unusable(format!("cannot read `{}`: {e}", path.display())))?;
            let text = match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
            };
            Ok((path.display().to_string(), text))
        }
    }
}

fn options(args: &EvalArgs) -> Result<Options, Unusable> {
    let today = match &args.today {
        Some(t) => IsoDate::parse(t).ok_or_else(|| Unusable(format!("--today `{t}` is not a YYYY-MM-DD date")))?,
        None => IsoDate(time::OffsetDateTime::now_utc().date()),
    };
    let min_level = match &args.min_level {
        Some(l) => Some(l.parse::<Level>().map_err(|()| Unusable(format!("--min-level `{l}` is not L0–L5")))?),
        None => None,
    };
    Ok(Options { today: Some(today), min_level, strict: args.strict, ..Options::default() })
}

fn run(cli: Cli) -> Result<ExitCode, Unusable> {
    match cli.command {
        Command::Show { file, format: ShowFormat::Json } => {
            let (_, text) = read(file.as_ref())?;
            let matrix = flowready::parse(&text);
            println!("{}", to_json(&matrix)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            println!("{}", to_json(&flowready::schemas())?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { file, eval } => {
            let (name, text) = read(file.as_ref())?;
            let report = flowready::check(&text, &options(&eval)?);
            emit(&name, &report, eval.format)?;
            Ok(if report.passed_check() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Gate { file, eval, scope, flows } => {
            let (name, text) = read(file.as_ref())?;
            let mut opts = options(&eval)?;
            opts.scope = match scope.as_str() {
                "all" | "ALL" => None,
                s => Some(s.parse::<Priority>().map_err(|()| Unusable(format!("--scope `{s}` is not P0, P1, … or all")))?),
            };
            opts.flows = flows;
            let report = flowready::check(&text, &opts);
            emit(&name, &report, eval.format)?;
            Ok(if report.gate.passed { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
    }
}

fn emit(name: &str, report: &flowready::Report, format: Format) -> Result<(), Unusable> {
    match format {
        Format::Json => println!("{}", to_json(report)?),
        Format::Text => {
            for f in &report.findings {
                println!("{name}:{}:{}: {}[{}]: {}", f.line, f.column, f.severity, f.code, f.message);
                println!("  help: {}", f.help);
            }
            println!(
                "{} ready, {} accepted_gap, {} blocked; {} errors, {} warnings",
                report.summary.ready, report.summary.accepted_gap, report.summary.blocked, report.summary.errors, report.summary.warnings
            );
        }
    }
    Ok(())
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Unusable> {
    serde_json::to_string_pretty(value).map_err(|e| Unusable(format!("cannot serialise: {e}")))
}
