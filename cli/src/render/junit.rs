//! JUnit XML: one testcase per flow (a failure when it fails the run: blocked, or with an
//! error finding) and one per document-level finding (an error is a failure). Written
//! with quick-xml, which escapes markup in every text and attribute. Characters XML 1.0
//! forbids (most C0 controls, U+FFFE, U+FFFF) and those a report viewer should not show
//! raw (C1 controls, DEL, bidirectional overrides) get the terminal's visible escape
//! (`\u{1b}`), so the document is always well-formed.

use std::borrow::Cow;
use std::io;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use flowready::{Finding, FlowReport, Severity};

use super::terminal::push_escaped;
use super::{message_with_flow, Run};

/// Whether `c` may not appear as it is: forbidden by XML 1.0 or unsafe to display. Line
/// breaks and tabs stay in element text (`body`); attributes escape them too.
fn forbidden(c: char, body: bool) -> bool {
    (super::terminal::is_unsafe(c) && !(body && matches!(c, '\n' | '\t')))
        || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

fn clean(s: &str, body: bool) -> Cow<'_, str> {
    if !s.chars().any(|c| forbidden(c, body)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if forbidden(c, body) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Element text, safe for XML 1.0.
fn text(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

/// An attribute value, safe for XML 1.0 (line breaks escaped too).
fn attr(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

fn location(run: &Run<'_>, f: &Finding) -> String {
    format!(
        "{}:{}:{}: {}[{}]: {}\n  help: {}",
        run.name,
        f.line,
        f.column,
        f.severity,
        f.code,
        message_with_flow(f),
        f.help
    )
}

fn flow_case(w: &mut Writer<Vec<u8>>, run: &Run<'_>, flow: &FlowReport) -> io::Result<()> {
    let priority = flow
        .priority
        .map_or_else(|| "none".to_owned(), |p| p.to_string());
    let classname = format!("flowready.{}.{priority}", run.mode.as_str());
    let line = flow.line.to_string();
    let (id, file) = (attr(&flow.id), attr(run.name));
    let element = w
        .create_element("testcase")
        .with_attribute(("name", &*id))
        .with_attribute(("classname", classname.as_str()))
        .with_attribute(("file", &*file))
        .with_attribute(("line", line.as_str()));
    let findings: Vec<&&Finding> = run.findings_of(&flow.id).collect();
    let fails = run.flow_fails(&flow.id);
    if !fails && findings.is_empty() {
        element.write_empty()?;
        return Ok(());
    }
    element.write_inner_content(|w| {
        if fails {
            let mut body: Vec<String> = flow
                .reasons
                .iter()
                // Reasons that come from findings are listed with the findings below.
                .filter(|r| r.code.is_none())
                .map(|r| {
                    let fix = r
                        .fix
                        .as_deref()
                        .map(|f| format!("\n  fix: {f}"))
                        .unwrap_or_default();
                    format!("{}:{}:{}: {}{fix}", run.name, r.line, r.column, r.message)
                })
                .collect();
            body.extend(
                findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .map(|f| location(run, f)),
            );
            let message = format!(
                "flow `{}` is {}: {}",
                flow.id,
                flow.decision,
                super::first_reason(flow)
            );
            w.create_element("failure")
                .with_attribute(("message", &*attr(&message)))
                .with_attribute(("type", flow.decision.as_str()))
                .write_text_content(BytesText::new(&text(&body.join("\n"))))?;
        }
        let notes: Vec<String> = findings
            .iter()
            .filter(|f| !fails || f.severity != Severity::Error)
            .map(|f| location(run, f))
            .collect();
        if !notes.is_empty() {
            w.create_element("system-out")
                .write_text_content(BytesText::new(&text(&notes.join("\n"))))?;
        }
        Ok(())
    })?;
    Ok(())
}

fn finding_case(w: &mut Writer<Vec<u8>>, run: &Run<'_>, f: &Finding) -> io::Result<()> {
    let name = format!("{} {}: {}", f.code, f.rule, message_with_flow(f));
    let classname = format!("flowready.{}.document", run.mode.as_str());
    let line = f.line.to_string();
    let (name, file) = (attr(&name), attr(run.name));
    let element = w
        .create_element("testcase")
        .with_attribute(("name", &*name))
        .with_attribute(("classname", classname.as_str()))
        .with_attribute(("file", &*file))
        .with_attribute(("line", line.as_str()));
    element.write_inner_content(|w| {
        let body = location(run, f);
        if f.severity == Severity::Error {
            w.create_element("failure")
                .with_attribute(("message", &*attr(&f.message)))
                .with_attribute(("type", f.code.as_str()))
                .write_text_content(BytesText::new(&text(&body)))?;
        } else {
            w.create_element("system-out")
                .write_text_content(BytesText::new(&text(&body)))?;
        }
        Ok(())
    })?;
    Ok(())
}

fn write(run: &Run<'_>) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let document: Vec<&&Finding> = run.document_findings().collect();
    let tests = run.flows.len() + document.len();
    let failures = run.flows.iter().filter(|f| run.flow_fails(&f.id)).count()
        + document
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
    let (tests, failures) = (tests.to_string(), failures.to_string());
    let suite = format!("flowready {} {}", run.mode.as_str(), attr(run.name));
    w.create_element("testsuites")
        .with_attribute(("name", "flowready"))
        .with_attribute(("tests", tests.as_str()))
        .with_attribute(("failures", failures.as_str()))
        .write_inner_content(|w| {
            w.create_element("testsuite")
                .with_attribute(("name", suite.as_str()))
                .with_attribute(("tests", tests.as_str()))
                .with_attribute(("failures", failures.as_str()))
                .with_attribute(("errors", "0"))
                .with_attribute(("skipped", "0"))
                .write_inner_content(|w| {
                    for flow in &run.flows {
                        flow_case(w, run, flow)?;
                    }
                    for f in &document {
                        finding_case(w, run, f)?;
                    }
                    w.create_element("system-out")
                        .write_text_content(BytesText::new(&text(&run.summary())))?;
                    Ok(())
                })?;
            Ok(())
        })?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

/// Renders the run as a JUnit XML document.
pub fn render(run: &Run<'_>) -> Result<String, String> {
    let bytes = write(run).map_err(|e| format!("cannot write JUnit XML: {e}"))?;
    String::from_utf8(bytes).map_err(|e| format!("cannot write JUnit XML: {e}"))
}
