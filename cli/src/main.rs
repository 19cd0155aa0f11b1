//! `flowready`: check, gate, decide and explain a Product Quality Flow Coverage Matrix.
//!
//! Exit codes: 0 pass; 1 check or gate failed; 2 the input or the command line could not
//! be used (one line on stderr). Never a panic: a bug is caught and reported as exit 2.

mod explain;
mod render;
mod write;

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use flowready::baseline::Baseline;
use flowready::{IsoDate, Level, Matrix, Options, Priority, Report};

use render::{Mode, Run};

/// The example matrix compiled into the binary; used when no FILE is given.
const BUNDLED: &str = include_str!("../../examples/matrix.md");
const BUNDLED_NAME: &str = "examples/matrix.md";

#[derive(Parser)]
#[command(
    name = "flowready",
    version,
    about = "Make a Product Quality Flow Coverage Matrix executable",
    long_about = "Make a Product Quality Flow Coverage Matrix executable: check the document against its own \
gate rules, decide which flows may start broad UAT, and explain why.",
    after_help = "Examples:\n  flowready gate                      run the gate on the bundled example\n  \
flowready check examples/matrix.md  validate a matrix (`-` reads stdin)\n  \
flowready gate examples/matrix.md --scope P0 --format github\n  \
flowready explain examples/matrix.md FLOW-NOTES-EXPORT-001\n\n\
Exit codes: 0 pass, 1 check or gate failed, 2 unusable input or usage."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    limits: LimitArgs,
}

/// The most a matrix may hold, by default (256 MiB): about 200,000 flows.
const MAX_MATRIX_BYTES: u64 = 256 * 1024 * 1024;
/// Names the environment variable that raises [`MAX_MATRIX_BYTES`].
const MATRIX_LIMIT_ENV: &str = "FLOWREADY_MAX_MATRIX_BYTES";
/// Names the environment variable that raises the report limit.
const REPORT_LIMIT_ENV: &str = "FLOWREADY_MAX_REPORT_BYTES";

/// How much flowready reads from one input. Every kind of file obeys them, pipes and
/// devices included: at most limit + 1 bytes are ever read.
#[derive(clap::Args)]
struct LimitArgs {
    /// The largest matrix read, in bytes (`K`, `M`, `G` suffixes: binary). Default 256M,
    /// or `FLOWREADY_MAX_MATRIX_BYTES`.
    #[arg(long, global = true, value_name = "BYTES", value_parser = parse_bytes)]
    max_matrix_bytes: Option<u64>,
    /// The largest test report (or baseline) read, in bytes. Default 256M, or
    /// `FLOWREADY_MAX_REPORT_BYTES`.
    #[arg(long, global = true, value_name = "BYTES", value_parser = parse_bytes)]
    max_report_bytes: Option<u64>,
}

/// The limits in force for this run.
#[derive(Clone, Copy)]
struct Limits {
    matrix: u64,
    report: u64,
}

impl LimitArgs {
    /// The option, else the environment variable, else the default.
    fn resolve(&self) -> Result<Limits, Unusable> {
        let pick = |arg: Option<u64>, var: &str, default: u64| -> Result<u64, Unusable> {
            if let Some(n) = arg {
                return Ok(n);
            }
            match std::env::var(var) {
                Ok(v) if !v.trim().is_empty() => {
                    parse_bytes(v.trim()).map_err(|e| Unusable(format!("{var}: {e}")))
                }
                _ => Ok(default),
            }
        };
        Ok(Limits {
            matrix: pick(self.max_matrix_bytes, MATRIX_LIMIT_ENV, MAX_MATRIX_BYTES)?,
            report: pick(
                self.max_report_bytes,
                REPORT_LIMIT_ENV,
                flowready::evidence::MAX_REPORT_BYTES,
            )?,
        })
    }
}

/// `1048576`, `512K`, `64M`, `1G` (binary multiples).
fn parse_bytes(s: &str) -> Result<u64, String> {
    let (digits, unit) = match s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => s.split_at(i),
        None => (s, ""),
    };
    let shift = match unit
        .trim()
        .to_ascii_uppercase()
        .trim_end_matches("IB")
        .trim_end_matches('B')
    {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => {
            return Err(format!(
                "`{s}` is not a size in bytes (`65536`, `512K`, `64M`, `1G`)"
            ))
        }
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1u64 << shift))
        .ok_or_else(|| format!("`{s}` is not a size in bytes (`65536`, `512K`, `64M`, `1G`)"))
}

#[derive(Subcommand)]
enum Command {
    /// Validate the document against its own rules; fail on any error finding.
    #[command(after_help = "Examples:\n  flowready check matrix.md\n  \
flowready check matrix.md --strict --format sarif > flowready.sarif\n  \
flowready check matrix.md --baseline .flowready-baseline.json\n\n\
Exit codes: 0 no error finding, 1 an error finding (new, with --baseline), 2 unusable input.")]
    Check {
        /// The matrix (Markdown); `-` reads standard input. Without it, the bundled example.
        file: Option<PathBuf>,
        #[command(flatten)]
        eval: EvalArgs,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// May broad UAT start for this scope? Pass only if every in-scope flow is ready or accepted_gap.
    #[command(after_help = "Examples:\n  flowready gate matrix.md\n  \
flowready gate matrix.md --scope P0\n  \
flowready gate matrix.md --flow FLOW-NOTES-SIGNIN-001 --flow FLOW-NOTES-EDIT-001\n  \
flowready gate matrix.md --format github      annotations in GitHub Actions\n  \
flowready gate matrix.md --format junit > flowready-junit.xml\n  \
flowready gate matrix.md --scope P0 --evidence playwright.json --evidence junit.xml\n\n\
Exit codes: 0 gate passed, 1 a flow in scope is blocked (newly, with --baseline) or its evidence \
is incomplete, 2 unusable input (an unreadable report included) or an unknown --flow.")]
    Gate {
        /// The matrix (Markdown); `-` reads standard input. Without it, the bundled example.
        file: Option<PathBuf>,
        #[command(flatten)]
        eval: EvalArgs,
        #[command(flatten)]
        gate: GateArgs,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Print the computed Broad UAT Decision section in the document's own style.
    #[command(
        after_help = "The section keeps the document's lead-in lines, the notes of flows that keep \
their bucket, and any prose that is not a flow bullet. A flow that changes bucket carries its note along.\n\n\
Examples:\n  flowready decision matrix.md                 print the computed section\n  \
flowready decision matrix.md --write         rewrite it in place (nothing else changes)\n\n\
Exit codes: 0 done, 2 unusable input."
    )]
    Decision {
        /// The matrix (Markdown). Without it, the bundled example (printing only).
        file: Option<PathBuf>,
        /// Replace the section in FILE (atomically; every other byte stays as it is).
        #[arg(long)]
        write: bool,
        #[command(flatten)]
        eval: EvalArgs,
    },
    /// Explain one flow: its decision, the reasons and cells behind it, and what would make it ready.
    #[command(
        after_help = "Examples:\n  flowready explain matrix.md FLOW-NOTES-EXPORT-001\n  \
flowready explain matrix.md FLOW-NOTES-EXPORT-001 --format json\n\n\
Exit codes: 0 explained, 2 unusable input or a flow ID the matrix does not have."
    )]
    Explain {
        /// The matrix (Markdown); `-` reads standard input.
        file: PathBuf,
        /// The flow to explain (`FLOW-…-001`).
        flow: String,
        #[command(flatten)]
        eval: EvalArgs,
        #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
        format: ExplainFormat,
    },
    /// Record today's findings, so `check`/`gate --baseline` fail only on new ones.
    #[command(
        after_help = "Findings are matched by code, flow and the values the message names (task IDs, \
statuses), never by line, so edits elsewhere do not resurrect them. The gate also remembers which flows were \
blocked.\n\nExamples:\n  flowready baseline matrix.md > .flowready-baseline.json\n  \
flowready gate matrix.md --baseline .flowready-baseline.json\n\n\
Exit codes: 0 written, 2 unusable input."
    )]
    Baseline {
        /// The matrix (Markdown); `-` reads standard input. Without it, the bundled example.
        file: Option<PathBuf>,
        #[command(flatten)]
        judge: JudgeArgs,
    },
    /// List the flows whose level, status or decision changed between two versions (for a PR comment).
    #[command(
        after_help = "Examples:\n  git show origin/main:docs/matrix.md > /tmp/old.md\n  \
flowready diff /tmp/old.md docs/matrix.md --format markdown > comment.md\n\n\
Exit codes: 0 compared (changed or not), 2 unusable input."
    )]
    Diff {
        /// The old version.
        old: PathBuf,
        /// The new version.
        new: PathBuf,
        #[command(flatten)]
        judge: JudgeArgs,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// Print the parsed model as JSON.
    #[command(after_help = "Examples:\n  flowready show matrix.md | jq '.flows[].id'")]
    Show {
        /// The matrix (Markdown); `-` reads standard input. Without it, the bundled example.
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ShowFormat::Json)]
        format: ShowFormat,
    },
    /// Print the JSON Schemas of the model, the report and the options.
    Schema,
}

#[derive(Clone, Copy, ValueEnum)]
enum ShowFormat {
    Json,
}

/// Output formats of `check` and `gate`.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// rustc-style diagnostics and a summary line (colour on a terminal unless NO_COLOR).
    Text,
    /// The report, the stable JSON contract.
    Json,
    /// JUnit XML: a testcase per flow and per document-level finding.
    Junit,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExplainFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Markdown,
    Json,
}

/// How a matrix is judged.
#[derive(clap::Args)]
struct JudgeArgs {
    /// Judge expiry as of this day (YYYY-MM-DD, UTC). Default: `FLOWREADY_TODAY`, else today.
    #[arg(long, value_name = "DATE", value_parser = parse_date, allow_hyphen_values = true)]
    today: Option<IsoDate>,
    /// The gate threshold (L0–L5). Default: the level the document states, else L3.
    #[arg(long, value_name = "LEVEL", value_parser = parse_level)]
    min_level: Option<Level>,
    /// Treat every warning as an error.
    #[arg(long)]
    strict: bool,
}

/// The options every evaluating subcommand (`check`, `gate`, `decision`, `explain`) shares.
#[derive(clap::Args)]
struct EvalArgs {
    #[command(flatten)]
    judge: JudgeArgs,
    /// Fail only on findings not recorded in this baseline (from `flowready baseline`).
    #[arg(long, value_name = "PATH")]
    baseline: Option<PathBuf>,
}

/// What the gate looks at. Evidence inputs (`--evidence FILE`, `--evidence-format`) belong here.
#[derive(clap::Args)]
struct GateArgs {
    /// Gate only this priority (`P0`, `P1`, …) or `all`.
    #[arg(long, value_name = "SCOPE", default_value = "all", value_parser = parse_scope)]
    scope: Scope,
    /// Gate only this flow (repeatable).
    #[arg(long = "flow", value_name = "ID")]
    flows: Vec<String>,
    /// A test report proving subpath coverage (repeatable): Playwright JSON, JUnit XML
    /// (pytest, Playwright, any runner) or flowready evidence JSON.
    #[arg(long = "evidence", value_name = "REPORT")]
    evidence: Vec<PathBuf>,
    /// Read every `--evidence` report as this format instead of detecting it.
    #[arg(long, value_name = "FORMAT", value_parser = parse_evidence_format)]
    evidence_format: Option<flowready::evidence::EvidenceFormat>,
}

fn parse_evidence_format(s: &str) -> Result<flowready::evidence::EvidenceFormat, String> {
    s.parse()
        .map_err(|_| format!("`{s}` is not an evidence format (playwright, junit, flowready)"))
}

/// Reads every `--evidence` report and merges them; an unreadable report is unusable input.
fn read_evidence(
    gate: &GateArgs,
    limits: Limits,
) -> Result<Option<flowready::evidence::Evidence>, Unusable> {
    if gate.evidence.is_empty() {
        return Ok(None);
    }
    let mut all = flowready::evidence::Evidence::new();
    for path in &gate.evidence {
        all.merge(read_report(path, gate.evidence_format, limits.report)?);
    }
    Ok(Some(all))
}

/// Set when a [`Bounded`] reader found more than its limit.
type OverFlag = std::rc::Rc<std::cell::Cell<bool>>;

/// A reader that stops after `limit` bytes and remembers whether there was more.
struct Bounded<R> {
    inner: R,
    left: u64,
    over: OverFlag,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            // One byte more than the limit says the input is over it.
            let mut probe = [0u8; 1];
            let n = self.inner.read(&mut probe)?;
            if n > 0 {
                self.over.set(true);
                return Err(std::io::Error::other("over the limit"));
            }
            return Ok(0);
        }
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(buf.get_mut(..want).unwrap_or_default())?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// Opens `path` (`-` is standard input) for reading at most `limit` bytes.
fn open_bounded(path: &Path, limit: u64) -> std::io::Result<(Bounded<Box<dyn Read>>, OverFlag)> {
    let inner: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path)?)
    };
    let over = std::rc::Rc::new(std::cell::Cell::new(false));
    Ok((
        Bounded {
            inner,
            left: limit,
            over: over.clone(),
        },
        over,
    ))
}

/// The name an input is shown by: the path as given, `<stdin>` for `-`.
fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

fn over_limit(name: &str, what: &str, limit: u64, option: &str, var: &str) -> Unusable {
    Unusable(format!(
        "`{name}` is over the {limit}-byte limit for {what} (raise it with `{option}` or `{var}`)"
    ))
}

/// Reads at most `limit` bytes of `path` (`-`: standard input); more is an error naming
/// the limit, whatever kind of file it is (a pipe, `/dev/zero`).
fn read_bounded(
    path: &Path,
    limit: u64,
    what: &str,
    option: &str,
    var: &str,
) -> Result<Vec<u8>, Unusable> {
    let name = display_name(path);
    let cannot = |e: std::io::Error| Unusable(format!("cannot read `{name}`: {}", io_reason(&e)));
    let (mut reader, over) = open_bounded(path, limit).map_err(cannot)?;
    // A regular file says its size: read it into a buffer of that size (plus the one
    // byte that would say it grew past the limit), not a doubling one.
    let hint = std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_file() && path.as_os_str() != "-")
        .map_or(0, |m| m.len().min(limit).saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    match reader.read_to_end(&mut bytes) {
        Ok(_) => Ok(bytes),
        Err(_) if over.get() => Err(over_limit(&name, what, limit, option, var)),
        Err(e) => Err(cannot(e)),
    }
}

/// Reads one report. JUnit XML is streamed through the library's streaming reader (memory
/// holds the tests kept, not the file); the JSON formats are read whole, within the limit.
fn read_report(
    path: &Path,
    format: Option<flowready::evidence::EvidenceFormat>,
    limit: u64,
) -> Result<flowready::evidence::Evidence, Unusable> {
    use flowready::evidence::{self, EvidenceFormat};
    let name = display_name(path);
    let cannot = |e: std::io::Error| Unusable(format!("cannot read `{name}`: {}", io_reason(&e)));
    let too_big = || {
        over_limit(
            &name,
            "one report",
            limit,
            "--max-report-bytes",
            REPORT_LIMIT_ENV,
        )
    };
    let (reader, over) = open_bounded(path, limit).map_err(cannot)?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, reader);
    let head = match reader.fill_buf() {
        Ok(head) => head,
        Err(_) if over.get() => return Err(too_big()),
        Err(e) => return Err(cannot(e)),
    };
    // XML shows in the first non-blank byte; the JSON formats are told apart by the
    // library from the whole text.
    let first = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(head)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    let junit = match format {
        Some(f) => f == EvidenceFormat::Junit,
        None => first == Some(&b'<'),
    };
    if format.is_none() && !junit && first != Some(&b'{') {
        // Not XML and not a JSON object: say so now, without reading the rest.
        if let Err(e) = evidence::detect(&name, head) {
            return Err(Unusable(e.to_string()));
        }
    }
    if junit {
        let mut ev = match evidence::junit::read_from(&name, &mut reader) {
            Ok(ev) => ev,
            Err(_) if over.get() => return Err(too_big()),
            Err(e) => return Err(Unusable(with_line_column(e, path, limit).to_string())),
        };
        for t in &mut ev.tests {
            if t.source.is_none() {
                t.source = Some(name.clone());
            }
        }
        return Ok(ev);
    }
    let mut bytes = Vec::new();
    match reader.read_to_end(&mut bytes) {
        Ok(_) => {}
        Err(_) if over.get() => return Err(too_big()),
        Err(e) => return Err(cannot(e)),
    }
    evidence::read(&name, &bytes, format).map_err(|e| Unusable(e.to_string()))
}

/// The streaming reader knows only the byte offset of an error; line and column come
/// from reading the file again up to that byte (not for standard input, read once).
fn with_line_column(
    e: flowready::evidence::EvidenceError,
    path: &Path,
    limit: u64,
) -> flowready::evidence::EvidenceError {
    use flowready::evidence::Position;
    let locate = |p: Position| -> Position {
        let (Some(byte), None) = (p.byte, p.line) else {
            return p;
        };
        if path.as_os_str() == "-" {
            return p;
        }
        let mut prefix = Vec::new();
        let read = std::fs::File::open(path)
            .and_then(|f| f.take(byte.min(limit)).read_to_end(&mut prefix));
        match read {
            Ok(_) => Position::at_byte(&prefix, byte),
            Err(_) => p,
        }
    };
    e.map_position(locate)
}

#[derive(clap::Args)]
struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy)]
struct Scope(Option<Priority>);

fn parse_date(s: &str) -> Result<IsoDate, String> {
    IsoDate::parse_today(s)
}

fn parse_level(s: &str) -> Result<Level, String> {
    s.parse::<Level>()
        .map_err(|()| format!("`{s}` is not a level (L0–L5)"))
}

fn parse_scope(s: &str) -> Result<Scope, String> {
    if s.eq_ignore_ascii_case("all") {
        return Ok(Scope(None));
    }
    s.parse::<Priority>()
        .map(|p| Scope(Some(p)))
        .map_err(|()| format!("`{s}` is not a priority (P0, P1, …) or `all`"))
}

/// A failure that makes the input unusable: exit 2 with one line on stderr.
struct Unusable(String);

impl From<String> for Unusable {
    fn from(s: String) -> Self {
        Unusable(s)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = std::panic::catch_unwind(move || run(cli));
    match outcome {
        Ok(Ok(code)) => code,
        Ok(Err(Unusable(msg))) => {
            note(&format!("error: {msg}"));
            ExitCode::from(2)
        }
        Err(_) => {
            note("error: internal error (this is a bug in flowready; please report it with the input)");
            ExitCode::from(2)
        }
    }
}

/// Hands the big structures to the end of the process instead of freeing them one
/// allocation at a time: the process is about to exit, and the operating system reclaims
/// the memory at once. On a 10,000-flow matrix this saves a fifth of the run.
/// The matrix borrows the input's text: forget it first ([`forget_input`] follows).
fn exit_without_freeing(matrix: Matrix<'_>, report: Report) {
    std::mem::forget(matrix);
    std::mem::forget(report);
}

/// The input a matrix was read from, once [`exit_without_freeing`] has taken the matrix.
fn forget_input(input: Input) {
    std::mem::forget(input);
}

/// Writes `s` to stdout; a closed pipe (`| head`) is not an error worth a panic.
fn out(s: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(s.as_bytes());
    let _ = stdout.flush();
}

/// Writes one `flowready: …` line to stderr, escaped for the terminal (it can name a
/// file, an argument or a report's text).
fn note(s: &str) {
    let _ = writeln!(
        std::io::stderr().lock(),
        "flowready: {}",
        render::terminal::escape(s)
    );
}

/// A matrix read from a file or the bundled example.
struct Input {
    name: String,
    text: String,
    /// False when the bytes were not valid UTF-8 (the text is then a lossy copy).
    utf8: bool,
    /// The bytes as read, kept when they are not valid UTF-8 so the parser can report
    /// where (`FR001`).
    raw: Vec<u8>,
}

impl Input {
    fn matrix(&self) -> Matrix<'_> {
        if self.utf8 {
            flowready::parse(&self.text)
        } else {
            flowready::parse_bytes(&self.raw)
        }
    }
}

/// Reads the matrix at `file` (`-`: standard input), at most `limit` bytes.
fn read(file: Option<&Path>, limit: u64) -> Result<Input, Unusable> {
    match file {
        None => {
            note("note: no FILE given, using the bundled example matrix (examples/matrix.md)");
            Ok(Input {
                name: BUNDLED_NAME.to_owned(),
                text: BUNDLED.to_owned(),
                utf8: true,
                raw: Vec::new(),
            })
        }
        Some(path) => {
            let bytes = read_bounded(
                path,
                limit,
                "a matrix",
                "--max-matrix-bytes",
                MATRIX_LIMIT_ENV,
            )?;
            let (text, utf8, raw) = match String::from_utf8(bytes) {
                Ok(t) => (t, true, Vec::new()),
                Err(e) => (
                    String::from_utf8_lossy(e.as_bytes()).into_owned(),
                    false,
                    e.into_bytes(),
                ),
            };
            Ok(Input {
                name: display_name(path),
                text,
                utf8,
                raw,
            })
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// Parses the input and refuses a document that is no matrix at all (`FR002`).
fn parse(input: &Input) -> Result<Matrix<'_>, Unusable> {
    let matrix = input.matrix();
    if !matrix.has_flow_table() {
        return Err(Unusable(format!(
            "`{}` is not a flow coverage matrix: no table has `Flow ID`, `Level` and `Status` columns (FR002)",
            input.name
        )));
    }
    Ok(matrix)
}

/// Names the environment variable that pins `--today` (for reproducible CI output).
const TODAY_ENV: &str = "FLOWREADY_TODAY";

fn options(judge: &JudgeArgs) -> Result<Options, Unusable> {
    let today = match judge.today {
        Some(d) => d,
        None => match std::env::var(TODAY_ENV) {
            Ok(v) if !v.trim().is_empty() => {
                parse_date(v.trim()).map_err(|e| Unusable(format!("{TODAY_ENV}: {e}")))?
            }
            _ => IsoDate(time::OffsetDateTime::now_utc().date()),
        },
    };
    Ok(Options {
        today: Some(today),
        min_level: judge.min_level,
        strict: judge.strict,
        ..Options::default()
    })
}

fn load_baseline(path: Option<&Path>, limit: u64) -> Result<Option<Baseline>, Unusable> {
    let Some(path) = path else { return Ok(None) };
    let bytes = read_bounded(
        path,
        limit,
        "a baseline",
        "--max-report-bytes",
        REPORT_LIMIT_ENV,
    )
    .map_err(|Unusable(e)| Unusable(e.replacen("cannot read `", "cannot read baseline `", 1)))?;
    let baseline: Baseline = serde_json::from_slice(&bytes).map_err(|e| {
        Unusable(format!(
            "`{}` is not a flowready baseline: {e}",
            path.display()
        ))
    })?;
    if baseline.version != flowready::baseline::VERSION {
        return Err(Unusable(format!(
            "baseline `{}` has version {}, this flowready reads version {}",
            path.display(),
            baseline.version,
            flowready::baseline::VERSION
        )));
    }
    Ok(Some(baseline))
}

/// Writes one line of JSON, exactly as the core's JSON twins write it, plus a newline,
/// streamed to stdout (a 10,000-flow report is ~10 MB: never held in memory). A closed
/// pipe is not an error.
fn out_compact_json<T: serde::Serialize>(value: &T) -> Result<(), Unusable> {
    out_json_with(value, false)
}

/// Streams `value` to stdout as JSON (pretty or compact) plus a newline, without building
/// the text in memory. A closed pipe is not an error.
fn out_json_with<T: serde::Serialize>(value: &T, pretty: bool) -> Result<(), Unusable> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, unbuffered_stdout());
    let written = if pretty {
        serde_json::to_writer_pretty(&mut w, value)
    } else {
        serde_json::to_writer(&mut w, value)
    };
    match written {
        Ok(()) => {}
        Err(e) if e.is_io() => return Ok(()),
        Err(e) => return Err(Unusable(format!("cannot serialise: {e}"))),
    }
    let _ = w.write_all(b"\n");
    let _ = w.flush();
    Ok(())
}

/// Standard output without the standard library's line buffering, for output streamed
/// through a `BufWriter` of its own: the line buffer would search every 64 KiB chunk for
/// its last newline (≈ 1 % of `check --format json`). A duplicate of the descriptor on
/// Unix; elsewhere the usual handle.
fn unbuffered_stdout() -> Box<dyn Write> {
    let stdout = std::io::stdout();
    let _ = stdout.lock().flush();
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = stdout.as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(stdout.lock())
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Unusable> {
    serde_json::to_string_pretty(value)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| Unusable(format!("cannot serialise: {e}")))
}

fn color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn run(cli: Cli) -> Result<ExitCode, Unusable> {
    let limits = cli.limits.resolve()?;
    match cli.command {
        Command::Show {
            file,
            format: ShowFormat::Json,
        } => {
            let input = read(file.as_deref(), limits.matrix)?;
            let matrix = input.matrix();
            out(&to_json(&matrix)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            out(&to_json(&flowready::schemas())?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { file, eval, output } => {
            let input = read(file.as_deref(), limits.matrix)?;
            let matrix = parse(&input)?;
            let baseline = load_baseline(eval.baseline.as_deref(), limits.report)?;
            let report = flowready::evaluate(&matrix, &options(&eval.judge)?);
            let code = emit(
                &input,
                &report,
                Mode::Check,
                baseline.as_ref(),
                output.format,
            );
            exit_without_freeing(matrix, report);
            forget_input(input);
            code
        }
        Command::Gate {
            file,
            eval,
            gate,
            output,
        } => {
            let input = read(file.as_deref(), limits.matrix)?;
            let matrix = parse(&input)?;
            let baseline = load_baseline(eval.baseline.as_deref(), limits.report)?;
            let known = matrix.flow_index();
            if let Some(unknown) = gate
                .flows
                .iter()
                .find(|id| !known.contains_key(id.as_str()))
            {
                return Err(Unusable(format!(
                    "--flow `{}` is not a flow of `{}`{}",
                    flowready::diagnostics::quote(unknown),
                    input.name,
                    did_you_mean(&matrix, unknown)
                )));
            }
            let evidence = read_evidence(&gate, limits)?;
            let mut opts = options(&eval.judge)?;
            opts.scope = gate.scope.0;
            opts.flows = gate.flows;
            let report = match &evidence {
                Some(evidence) => flowready::evaluate_with_evidence(&matrix, &opts, evidence),
                None => flowready::evaluate(&matrix, &opts),
            };
            if report.gate.flows.is_empty() {
                return Err(Unusable(format!(
                    "no flow of `{}` is in scope `{}`",
                    input.name, report.gate.scope
                )));
            }
            let code = emit(
                &input,
                &report,
                Mode::Gate,
                baseline.as_ref(),
                output.format,
            );
            exit_without_freeing(matrix, report);
            forget_input(input);
            code
        }
        Command::Decision { file, write, eval } => {
            if write && file.as_deref().is_none_or(|f| f.as_os_str() == "-") {
                return Err(Unusable(
                    "`decision --write` needs a FILE to rewrite (not standard input)".to_owned(),
                ));
            }
            // Accepted for symmetry with check and gate; a baseline never changes a decision.
            let _ = load_baseline(eval.baseline.as_deref(), limits.report)?;
            let options = options(&eval.judge)?;
            if let Some(path) = file.as_deref().filter(|_| write) {
                return write::run(path, &options, limits.matrix);
            }
            let input = read(file.as_deref(), limits.matrix)?;
            let matrix = parse(&input)?;
            let report = flowready::evaluate(&matrix, &options);
            out(&flowready::decision_block::section(
                &input.text,
                &matrix,
                &report,
            ));
            exit_without_freeing(matrix, report);
            forget_input(input);
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain {
            file,
            flow,
            eval,
            format,
        } => {
            let input = read(Some(&file), limits.matrix)?;
            let matrix = parse(&input)?;
            let baseline = load_baseline(eval.baseline.as_deref(), limits.report)?;
            let report = flowready::evaluate(&matrix, &options(&eval.judge)?);
            let (Some(row), Some(explained)) = (
                matrix.flow(&flow),
                flowready::explain::explain(&matrix, &report, &flow),
            ) else {
                return Err(Unusable(format!(
                    "`{}` is not a flow of `{}`{}",
                    flowready::diagnostics::quote(&flow),
                    input.name,
                    did_you_mean(&matrix, &flow)
                )));
            };
            let explanation = explain::Explanation::new(
                &input.name,
                row,
                &explained,
                report.options.min_level,
                baseline.as_ref(),
            );
            match format {
                ExplainFormat::Text => out(&explanation.text()),
                ExplainFormat::Json => out(&to_json(&explanation.json())?),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Baseline { file, judge } => {
            let input = read(file.as_deref(), limits.matrix)?;
            let matrix = parse(&input)?;
            let report = flowready::evaluate(&matrix, &options(&judge)?);
            out(&to_json(&Baseline::from_report(&report))?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff {
            old,
            new,
            judge,
            format,
        } => {
            let (old_input, new_input) = (
                read(Some(&old), limits.matrix)?,
                read(Some(&new), limits.matrix)?,
            );
            let (old_matrix, new_matrix) = (parse(&old_input)?, parse(&new_input)?);
            let opts = options(&judge)?;
            let (old_report, new_report) = (
                flowready::evaluate(&old_matrix, &opts),
                flowready::evaluate(&new_matrix, &opts),
            );
            let d = flowready::diff(&old_report, &new_report);
            match format {
                DiffFormat::Text => out(&render::terminal::escape_lines(
                    &flowready::diff::render_text(&d),
                )),
                DiffFormat::Markdown => out(&render::terminal::escape_lines(
                    &flowready::diff::render_markdown(&d),
                )),
                DiffFormat::Json => out(&to_json(&d)?),
            }
            exit_without_freeing(old_matrix, old_report);
            exit_without_freeing(new_matrix, new_report);
            forget_input(old_input);
            forget_input(new_input);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// ` (did you mean `X`?)` for the closest flow ID, if one is close.
fn did_you_mean(matrix: &Matrix, id: &str) -> String {
    flowready::suggest::suggest_flow(matrix, id)
        .map(|best| format!(" (did you mean `{best}`?)"))
        .unwrap_or_default()
}

fn emit(
    input: &Input,
    report: &Report,
    mode: Mode,
    baseline: Option<&Baseline>,
    format: Format,
) -> Result<ExitCode, Unusable> {
    let run = Run::new(&input.name, &input.text, report, mode, baseline);
    match format {
        Format::Text => out(&render::text::render(&run, color())),
        Format::Github => out(&render::github::render(&run)),
        Format::Junit => out(&render::junit::render(&run)?),
        Format::Sarif => out_json_with(&render::sarif::render(&run), true)?,
        // Without a baseline the bytes are exactly `evaluate_json`'s (the contract every
        // surface shares); a baseline adds its own object, so the report is re-encoded.
        Format::Json if baseline.is_none() => out_compact_json(report)?,
        // With a baseline: the same report on one line, streamed, with a `baseline` object
        // added at its end.
        Format::Json => out_compact_json(&WithBaseline {
            report,
            baseline: BaselineOutcome {
                baselined: run.baselined,
                new_findings: &run.shown,
                passed: !run.failed,
            },
        })?,
    }
    Ok(if run.failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The report plus what the baseline did, streamed as one JSON object.
#[derive(serde::Serialize)]
struct WithBaseline<'a> {
    #[serde(flatten)]
    report: &'a Report,
    baseline: BaselineOutcome<'a>,
}

#[derive(serde::Serialize)]
struct BaselineOutcome<'a> {
    baselined: usize,
    new_findings: &'a [&'a flowready::Finding],
    passed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
