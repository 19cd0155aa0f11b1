//! Coverage: per flow and subpath, what the evidence proves; and the findings that the
//! gate judges with the matrix's own (FR601–FR607).
//!
//! State of a (flow, subpath), from the final outcomes of the tests that claim it:
//! `failed` if any failed; else `passed` if any passed; else `flaky` if some passed only
//! on a retry; else `skipped` (expected failures included); else `missing`. A `skipped`
//! or `missing` subpath is `waived` when an unexpired accepted-gap register row approves a
//! skip of it (a row with that `Subpath` and an `Expiry`, valid through that day UTC). A
//! failure is never waived: a failing test is a regression, not a gap.
//!
//! Which flows are judged (get findings): flows in the gate's scope
//! ([`crate::gate::in_scope`]) whose status claims readiness — `ready_for_broad_uat`
//! (errors) and `accepted_gap` (warnings: the accepted gap is the owner-backed exception
//! for the flow as a whole, but its coverage holes stay visible). Other flows are already
//! blocked, and out-of-scope flows are not gated; their coverage is still reported.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Evidence, Outcome, TestRecord};
use crate::diagnostics::{Code, Finding, Severity};
use crate::gate::in_scope;
use crate::model::{Exception, Flow, Matrix};
use crate::report::Options;
use crate::span::Span;
use crate::vocab::{Column, Status, Subpath};

/// The coverage state of one subpath of one flow.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CoverageState {
    /// At least one test passed on its first attempt, and none failed.
    Passed,
    /// Only passes on retry, and no failure.
    Flaky,
    /// Some test's final outcome failed.
    Failed,
    /// Only skipped tests or expected failures.
    Skipped,
    /// No test claims it.
    Missing,
    /// Skipped or missing, but the accepted-gap register approves the skip.
    Waived,
}

impl CoverageState {
    /// True when the state lets a flow be ready: passed, flaky or waived.
    pub fn covers(self) -> bool {
        matches!(
            self,
            CoverageState::Passed | CoverageState::Flaky | CoverageState::Waived
        )
    }

    /// `passed`, `flaky`, `failed`, `skipped`, `missing` or `waived`.
    pub fn as_str(self) -> &'static str {
        match self {
            CoverageState::Passed => "passed",
            CoverageState::Flaky => "flaky",
            CoverageState::Failed => "failed",
            CoverageState::Skipped => "skipped",
            CoverageState::Missing => "missing",
            CoverageState::Waived => "waived",
        }
    }

    /// The state of a set of outcomes, before waivers.
    pub fn of(outcomes: impl IntoIterator<Item = Outcome>) -> CoverageState {
        let (mut passed, mut flaky, mut skipped) = (false, false, false);
        for o in outcomes {
            match o {
                Outcome::Failed => return CoverageState::Failed,
                Outcome::Passed => passed = true,
                Outcome::Flaky => flaky = true,
                Outcome::Skipped | Outcome::Xfailed => skipped = true,
            }
        }
        if passed {
            CoverageState::Passed
        } else if flaky {
            CoverageState::Flaky
        } else if skipped {
            CoverageState::Skipped
        } else {
            CoverageState::Missing
        }
    }
}

impl std::fmt::Display for CoverageState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A test, as a coverage entry lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TestRef {
    /// The test's name.
    pub name: String,
    /// Its file, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Its final outcome.
    pub outcome: Outcome,
    /// Why it was skipped or failed, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The report it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl From<&TestRecord> for TestRef {
    fn from(t: &TestRecord) -> Self {
        TestRef {
            name: t.name.clone(),
            file: t.file.clone(),
            outcome: t.outcome,
            reason: t.reason.clone(),
            source: t.source.clone(),
        }
    }
}

/// The register row that waives a subpath.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Waiver {
    /// 1-based line of the register row.
    pub line: u32,
    /// Its expiry (`YYYY-MM-DD`).
    pub expiry: String,
    /// Its owners.
    pub owners: Vec<String>,
}

/// One subpath's coverage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SubpathCoverage {
    /// The state.
    pub state: CoverageState,
    /// Whether the flow requires this subpath (its cell is filled).
    pub required: bool,
    /// The tests that claim it, in evidence order.
    pub tests: Vec<TestRef>,
    /// The register row that waives it, when `state` is `waived`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiver: Option<Waiver>,
}

/// One flow's coverage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FlowCoverage {
    /// Whether the gate judged this flow's coverage (in scope, and its status claims
    /// readiness); other flows' coverage is for information.
    pub judged: bool,
    /// Every required subpath, plus any other subpath some test claims.
    pub subpaths: BTreeMap<Subpath, SubpathCoverage>,
    /// `UAT-*` rows the flow lists that no test in the evidence names.
    pub missing_uat_rows: Vec<String>,
}

/// A flow the evidence names that the matrix does not have.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnknownFlow {
    /// The flow ID as the evidence writes it.
    pub flow: String,
    /// The tests naming it.
    pub tests: Vec<TestRef>,
}

/// A UAT row the evidence names that none of its test's flows lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnmappedUatRow {
    /// The UAT row (`UAT-…`).
    pub uat_row: String,
    /// The (known) flows of the tests naming it; empty when the tests name no known flow
    /// and no flow of the matrix lists the row.
    pub flows: Vec<String>,
    /// The tests naming it.
    pub tests: Vec<TestRef>,
}

/// What the evidence proves, per flow and subpath. `Report::evidence` holds it when
/// evidence was given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EvidenceReport {
    /// Tests that name a flow or a UAT row.
    pub tests: usize,
    /// Tests read that named neither (ignored).
    pub unlabelled_tests: u64,
    /// Every flow of the matrix, by ID.
    pub flows: BTreeMap<String, FlowCoverage>,
    /// Flows the evidence names that the matrix does not have, by ID.
    pub unknown_flows: Vec<UnknownFlow>,
    /// UAT rows the evidence names that their flows do not list, by row.
    pub unmapped_uat_rows: Vec<UnmappedUatRow>,
}

/// An unexpired register row approving a skip of `subpath` of `flow`. Without
/// `options.today` expiry is not judged (as in the gate), but an expiry date is required.
fn waiver<'m>(
    matrix: &'m Matrix<'m>,
    options: &Options,
    flow: &str,
    subpath: Subpath,
) -> Option<&'m Exception<'m>> {
    matrix.exceptions.iter().find(|e| {
        e.flow == flow
            && e.subpath == Some(subpath)
            && match e.expiry.as_deref().and_then(crate::date::parse_iso) {
                None => false,
                Some(expiry) => options.today.is_none_or(|today| today.0 <= expiry),
            }
    })
}

fn judged(flow: &Flow, options: &Options) -> bool {
    in_scope(flow, options)
        && matches!(
            flow.status,
            Some(Status::ReadyForBroadUat | Status::AcceptedGap)
        )
}

/// Computes coverage and the evidence findings for `matrix` (see the module docs).
pub fn judge(
    matrix: &Matrix,
    options: &Options,
    evidence: &Evidence,
) -> (EvidenceReport, Vec<Finding>) {
    // Indexes, so that reading evidence is linear in tests + flows (not their product).
    let mut by_id: HashMap<&str, &Flow> =
        HashMap::with_capacity_and_hasher(matrix.flows.len(), Default::default());
    for f in &matrix.flows {
        by_id.entry(f.id.as_str()).or_insert(f);
    }
    let listed_anywhere: HashSet<&str> = matrix
        .flows
        .iter()
        .flat_map(|f| f.uat_rows().iter())
        .collect();
    let mut claims: HashMap<(&str, Subpath), Vec<&TestRecord>> = HashMap::default();
    let mut unknown: BTreeMap<&str, Vec<TestRef>> = BTreeMap::new();
    let mut evidence_uats: HashSet<&str> = HashSet::default();
    let mut unmapped: BTreeMap<&str, (BTreeSet<&str>, Vec<TestRef>)> = BTreeMap::new();
    for t in &evidence.tests {
        for c in &t.flows {
            if !by_id.contains_key(c.flow.as_str()) {
                unknown.entry(c.flow.as_str()).or_default().push(t.into());
            }
            for s in &c.subpaths {
                claims.entry((c.flow.as_str(), *s)).or_default().push(t);
            }
        }
        let test_flows: Vec<&Flow> = t
            .flows
            .iter()
            .filter_map(|c| by_id.get(c.flow.as_str()).copied())
            .collect();
        for u in &t.uat_rows {
            evidence_uats.insert(u.as_str());
            let mapped = if test_flows.is_empty() {
                listed_anywhere.contains(u.as_str())
            } else {
                test_flows.iter().any(|f| f.uat_rows().contains(u))
            };
            if !mapped {
                let entry = unmapped.entry(u.as_str()).or_default();
                entry.0.extend(test_flows.iter().map(|f| f.id.as_str()));
                entry.1.push(t.into());
            }
        }
    }

    let mut report = EvidenceReport {
        tests: evidence.tests.len(),
        unlabelled_tests: evidence.unlabelled_tests,
        ..EvidenceReport::default()
    };
    let mut findings = Vec::new();
    let mut seen: HashSet<&str> = HashSet::default();
    for flow in &matrix.flows {
        if !seen.insert(flow.id.as_str()) {
            continue;
        }
        let required = flow.required_subpaths();
        let mut subpaths: BTreeSet<Subpath> = required.iter().copied().collect();
        subpaths.extend(
            Subpath::ALL
                .into_iter()
                .filter(|s| claims.contains_key(&(flow.id.as_str(), *s))),
        );
        let mut coverage = FlowCoverage {
            judged: judged(flow, options),
            subpaths: BTreeMap::new(),
            missing_uat_rows: Vec::new(),
        };
        for s in subpaths {
            let tests: &[&TestRecord] = claims
                .get(&(flow.id.as_str(), s))
                .map_or(&[], Vec::as_slice);
            let mut state = CoverageState::of(tests.iter().map(|t| t.outcome));
            let mut waived_by = None;
            if matches!(state, CoverageState::Skipped | CoverageState::Missing) {
                if let Some(e) = waiver(matrix, options, &flow.id, s) {
                    state = CoverageState::Waived;
                    waived_by = Some(Waiver {
                        line: e.line,
                        expiry: e.expiry.clone().unwrap_or_default(),
                        owners: e.owners.clone(),
                    });
                }
            }
            let entry = SubpathCoverage {
                state,
                required: required.contains(&s),
                tests: tests.iter().map(|t| TestRef::from(*t)).collect(),
                waiver: waived_by,
            };
            if coverage.judged && entry.required {
                findings.extend(subpath_finding(flow, s, &entry));
            }
            coverage.subpaths.insert(s, entry);
        }
        let listed = flow
            .uat_rows()
            .iter()
            .filter(|r| r.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("UAT-")));
        coverage.missing_uat_rows = listed
            .filter(|r| !evidence_uats.contains(r))
            .map(|r| r.to_string())
            .collect();
        if coverage.judged && flow.status == Some(Status::ReadyForBroadUat) {
            for row in &coverage.missing_uat_rows {
                findings.push(
                    Finding::new(
                        Code::EvidenceMissingUatRow,
                        at(flow, Column::UatRow),
                        format!("flow `{}` lists UAT row `{row}`, but no test in the evidence names it", flow.id),
                        format!("run the UAT row and tag its test with `@{row}` (or a `uat`/`uat_row` annotation or property), or remove the row from the flow"),
                    )
                    .for_flow(&flow.id),
                );
            }
        }
        report.flows.insert(flow.id.clone(), coverage);
    }

    // Point at the first flow table's `Flow ID` header: where a missing flow would go.
    let doc = matrix.tables.first().map_or(
        Span {
            start: 0,
            end: 0,
            line: 1,
            column: 1,
        },
        |t| {
            t.columns
                .iter()
                .find(|c| c.known == Some(crate::vocab::Column::FlowId))
                .map_or(t.span, |c| c.span)
        },
    );
    for problem in &evidence.problems {
        findings.push(Finding::new(
            Code::EvidenceUndecodable,
            doc,
            format!("`{}` at {}: {}", problem.file, problem.position, problem.message),
            "fix the report's writer: escape `&` as `&amp;` and use only XML's five entities or numeric character references",
        ));
    }
    for (id, tests) in unknown {
        let tests = dedup(tests);
        findings.push(
            Finding::new(
                Code::EvidenceUnknownFlow,
                doc,
                format!("evidence names flow `{id}`, which is not in the matrix ({})", tests_phrase(&tests)),
                "fix the flow ID in the test's tag, annotation or property, or add the flow to the matrix",
            )
            .for_flow(id),
        );
        report.unknown_flows.push(UnknownFlow {
            flow: id.to_owned(),
            tests,
        });
    }
    for (row, (flows, tests)) in unmapped {
        let tests = dedup(tests);
        if flows.is_empty() {
            findings.push(Finding::new(
                Code::EvidenceUnmappedUatRow,
                doc,
                format!("evidence names UAT row `{row}`, which no flow of the matrix lists ({})", tests_phrase(&tests)),
                "add the row to the `UAT Row` cell of the flow it proves, or fix the test's UAT tag",
            ));
        }
        for id in &flows {
            let Some(flow) = by_id.get(id).copied().filter(|f| in_scope(f, options)) else {
                continue;
            };
            findings.push(
                Finding::new(
                    Code::EvidenceUnmappedUatRow,
                    at(flow, Column::UatRow),
                    format!("evidence names UAT row `{row}` for flow `{id}`, which does not list it ({})", tests_phrase(&tests)),
                    format!("add `{row}` to the `UAT Row` cell of `{id}`, or fix the test's UAT tag"),
                )
                .for_flow(id.to_owned()),
            );
        }
        report.unmapped_uat_rows.push(UnmappedUatRow {
            uat_row: row.to_owned(),
            flows: flows.iter().map(|f| (*f).to_owned()).collect(),
            tests,
        });
    }
    (report, findings)
}

fn dedup(mut tests: Vec<TestRef>) -> Vec<TestRef> {
    let mut seen = HashSet::default();
    tests.retain(|t| seen.insert((t.name.clone(), t.source.clone())));
    tests
}

/// Where a finding about a flow points: the cell of `column`, else the row.
fn at(flow: &Flow, column: Column) -> Span {
    flow.cell(column).map_or(flow.span, |c| c.span)
}

/// "test `a` (r.xml)", "tests `a` (r.xml) and 2 more".
fn tests_phrase(tests: &[TestRef]) -> String {
    let Some(first) = tests.first() else {
        return "no test".to_owned();
    };
    let mut s = format!("test `{}`", first.name);
    if let Some(src) = &first.source {
        s.push_str(&format!(" in `{src}`"));
    }
    if let Some(reason) = &first.reason {
        s.push_str(&format!(": {reason}"));
    }
    if tests.len() > 1 {
        s.push_str(&format!(", and {} more", tests.len() - 1));
    }
    s
}

fn subpath_finding(flow: &Flow, s: Subpath, c: &SubpathCoverage) -> Option<Finding> {
    let id = flow.id.as_str();
    let with = |outcomes: &[Outcome]| -> Vec<TestRef> {
        c.tests
            .iter()
            .filter(|t| outcomes.contains(&t.outcome))
            .cloned()
            .collect()
    };
    let (code, message, help) = match c.state {
        CoverageState::Passed | CoverageState::Waived => return None,
        CoverageState::Failed => (
            Code::SubpathFailed,
            format!("subpath `{s}` of flow `{id}` failed: {}", tests_phrase(&with(&[Outcome::Failed]))),
            "fix the product or the test; a failing test is never an accepted gap".to_owned(),
        ),
        CoverageState::Skipped => (
            Code::SubpathSkipped,
            format!("subpath `{s}` of flow `{id}` was only skipped: {}", tests_phrase(&with(&[Outcome::Skipped, Outcome::Xfailed]))),
            format!("run the test where it can pass, or approve the skip: an accepted-gap register row for `{id}` with `Subpath` `{s}`, an owner and an expiry"),
        ),
        CoverageState::Missing => (
            Code::SubpathMissing,
            format!("subpath `{s}` of flow `{id}` has no evidence: no test names it"),
            format!("tag a test `@{id} @{s}` (or give it `flow`/`subpath` annotations or properties), or approve the skip in the accepted-gap register"),
        ),
        CoverageState::Flaky => (
            Code::SubpathFlaky,
            format!("subpath `{s}` of flow `{id}` passed only on retry: {}", tests_phrase(&with(&[Outcome::Flaky]))),
            "make the test pass on its first attempt; a retry can hide an intermittent product bug".to_owned(),
        ),
    };
    let mut finding = Finding::new(code, at(flow, s.column()), message, help).for_flow(id);
    // An accepted gap is already an owner-backed exception for the flow: its coverage
    // holes are reported, not blocking (strict turns them into errors).
    if flow.status == Some(Status::AcceptedGap) && finding.severity == Severity::Error {
        finding.severity = Severity::Warning;
    }
    Some(finding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_precedence() {
        use Outcome::*;
        assert_eq!(CoverageState::of([Passed, Failed]), CoverageState::Failed);
        assert_eq!(CoverageState::of([Flaky, Passed]), CoverageState::Passed);
        assert_eq!(CoverageState::of([Flaky, Skipped]), CoverageState::Flaky);
        assert_eq!(CoverageState::of([Xfailed]), CoverageState::Skipped);
        assert_eq!(CoverageState::of([]), CoverageState::Missing);
    }
}
