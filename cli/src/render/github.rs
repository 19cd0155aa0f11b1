//! GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=FRxxx::message`,
//! and `::warning` / `::notice` likewise. GitHub turns them into annotations on the
//! pull request's diff. User text is made safe for a terminal first (the runner's log
//! is one), then escaped as the workflow-command syntax requires.

use flowready::Severity;

use super::terminal::{escape, escape_lines};
use super::{first_reason, message_with_flow, Mode, Run};

/// Escapes a command's message: `%`, `\r` and `\n`.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as data, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(kind: &str, file: &str, line: u32, col: u32, title: &str, message: &str) -> String {
    format!(
        "::{kind} file={},line={line},col={col},title={}::{}\n",
        escape_property(&escape(file)),
        escape_property(&escape(title)),
        escape_data(&escape_lines(message))
    )
}

/// Renders the run.
pub fn render(run: &Run<'_>) -> String {
    let mut out = String::new();
    for f in &run.shown {
        let kind = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let message = format!("{}\nhelp: {}", message_with_flow(f), f.help);
        out.push_str(&command(
            kind,
            run.name,
            f.line,
            f.column,
            f.code.as_str(),
            &message,
        ));
    }
    if run.mode == Mode::Gate {
        // Flows blocked by their status alone have no finding; annotate their status cell
        // so the failing gate points somewhere.
        for flow in &run.failing {
            if run
                .findings_of(&flow.id)
                .any(|f| f.severity == Severity::Error)
            {
                continue;
            }
            let (line, col, fix) = flow
                .reasons
                .first()
                .map_or((flow.line, 1, None), |r| (r.line, r.column, r.fix.clone()));
            let mut message = format!("flow `{}` is blocked: {}", flow.id, first_reason(flow));
            if let Some(fix) = fix {
                message.push_str(&format!("\nhelp: {fix}"));
            }
            out.push_str(&command("error", run.name, line, col, "blocked", &message));
        }
    }
    out.push_str(&run.summary());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        assert_eq!(escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
