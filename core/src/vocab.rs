//! The matrix's vocabulary: levels, statuses, priorities, subpaths and column names.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A coverage level, `L0` (intent documented) to `L5` (cleanup, audit and rollback
/// evidence). Levels are cumulative, so they are totally ordered: `L0 < L1 < … < L5`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum Level {
    /// Product intent and UX journey documented.
    L0,
    /// API, CLI, SDK or event contract exists and matches the UX.
    L1,
    /// Unit or integration coverage proves service behaviour.
    L2,
    /// Frontend e2e or non-live smoke proves the user/operator path.
    L3,
    /// Environment-specific UAT proves the integrated path (`kind` or `dev`).
    L4,
    /// Cleanup, audit, observability and rollback evidence are captured.
    L5,
}

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Level; 6] = [
        Level::L0,
        Level::L1,
        Level::L2,
        Level::L3,
        Level::L4,
        Level::L5,
    ];

    /// The level's name as written in a matrix (`L3`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::L0 => "L0",
            Level::L1 => "L1",
            Level::L2 => "L2",
            Level::L3 => "L3",
            Level::L4 => "L4",
            Level::L5 => "L5",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Level {
    type Err = ();
    /// Accepts `L0`–`L5`, case-insensitively.
    fn from_str(s: &str) -> Result<Self, ()> {
        Level::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or(())
    }
}

/// A flow's status, as the matrix defines them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Adequate for broad UAT in the named lane.
    ReadyForBroadUat,
    /// Must not be claimed ready until the owning task closes or an exception is recorded.
    Blocked,
    /// Known gap with owner, reason, expiry and follow-up.
    AcceptedGap,
    /// Behaviour exists but automation/UAT evidence is missing.
    NeedsCoverage,
    /// UX journey/spec is not sufficient.
    NeedsDesign,
    /// API/CLI/SDK contract support is absent or ambiguous.
    NeedsContract,
    /// Required seed/disposable state is missing.
    NeedsFixture,
    /// Environment prerequisite is missing or stale.
    NeedsEnvFix,
}

impl Status {
    /// Every status, in the order the seed defines them.
    pub const ALL: [Status; 8] = [
        Status::ReadyForBroadUat,
        Status::Blocked,
        Status::AcceptedGap,
        Status::NeedsCoverage,
        Status::NeedsDesign,
        Status::NeedsContract,
        Status::NeedsFixture,
        Status::NeedsEnvFix,
    ];

    /// The status as written in a matrix (`ready_for_broad_uat`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::ReadyForBroadUat => "ready_for_broad_uat",
            Status::Blocked => "blocked",
            Status::AcceptedGap => "accepted_gap",
            Status::NeedsCoverage => "needs_coverage",
            Status::NeedsDesign => "needs_design",
            Status::NeedsContract => "needs_contract",
            Status::NeedsFixture => "needs_fixture",
            Status::NeedsEnvFix => "needs_env_fix",
        }
    }

    /// `blocked` and every `needs_*` status: the flow waits on an owning task.
    pub fn waits_on_task(self) -> bool {
        !matches!(self, Status::ReadyForBroadUat | Status::AcceptedGap)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = ();
    /// Exact match only: a status is a machine token, so `Ready` is not `ready_for_broad_uat`.
    fn from_str(s: &str) -> Result<Self, ()> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == s.trim())
            .ok_or(())
    }
}

/// A priority, `P0` (most critical), `P1`, …
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, JsonSchema)]
#[schemars(with = "String")]
pub struct Priority(pub u8);

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "P{}", self.0)
    }
}

impl FromStr for Priority {
    type Err = ();
    /// Accepts `P0`…`P9` (case-insensitive), surrounding whitespace ignored.
    fn from_str(s: &str) -> Result<Self, ()> {
        let s = s.trim();
        let rest = s.strip_prefix(['P', 'p']).ok_or(())?;
        if rest.is_empty() || rest.len() > 2 || !rest.bytes().all(|b| b.is_ascii_digit()) {
            return Err(());
        }
        rest.parse().map(Priority).map_err(|_| ())
    }
}

impl Priority {
    /// The first `P<digits>` token in free text such as a heading (`P0 Flow Matrix`).
    /// `P0/P1 Gap List` names two priorities and therefore none.
    pub fn named_in(text: &str) -> Option<Priority> {
        let found: Vec<Priority> = text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter_map(|w| w.parse().ok())
            .collect();
        match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }
}

impl Serialize for Priority {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Priority {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse()
            .map_err(|()| serde::de::Error::custom(format!("invalid priority `{s}`")))
    }
}

/// A path through a flow that evidence must cover.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Subpath {
    /// The happy path.
    Happy,
    /// The empty state.
    Empty,
    /// The blocked state.
    Blocked,
    /// Recovery from failure.
    Recovery,
    /// The negative path.
    Negative,
    /// Cleanup of what the flow created.
    Cleanup,
    /// Fixture set-up (required when the Fixture / Env cell is filled).
    Fixture,
    /// The environment lane (required when the Lane cell is filled).
    Environment,
}

impl Subpath {
    /// Every subpath, in matrix column order.
    pub const ALL: [Subpath; 8] = [
        Subpath::Happy,
        Subpath::Empty,
        Subpath::Blocked,
        Subpath::Recovery,
        Subpath::Negative,
        Subpath::Cleanup,
        Subpath::Fixture,
        Subpath::Environment,
    ];

    /// The subpath's tag (`negative`).
    pub fn as_str(self) -> &'static str {
        match self {
            Subpath::Happy => "happy",
            Subpath::Empty => "empty",
            Subpath::Blocked => "blocked",
            Subpath::Recovery => "recovery",
            Subpath::Negative => "negative",
            Subpath::Cleanup => "cleanup",
            Subpath::Fixture => "fixture",
            Subpath::Environment => "environment",
        }
    }

    /// The flow-table column whose filled cell makes this subpath required.
    pub fn column(self) -> Column {
        match self {
            Subpath::Happy => Column::HappyPath,
            Subpath::Empty => Column::EmptyState,
            Subpath::Blocked => Column::BlockedState,
            Subpath::Recovery => Column::Recovery,
            Subpath::Negative => Column::NegativePath,
            Subpath::Cleanup => Column::Cleanup,
            Subpath::Fixture => Column::FixtureEnv,
            Subpath::Environment => Column::Lane,
        }
    }
}

impl fmt::Display for Subpath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Subpath {
    type Err = ();
    /// Accepts the tag with or without a leading `@`, case-insensitively; `env` and
    /// `environment`, `fixtures` and `fixture` are the same subpath.
    fn from_str(s: &str) -> Result<Self, ()> {
        let s = s.trim().trim_start_matches('@').to_ascii_lowercase();
        match s.as_str() {
            "env" => Ok(Subpath::Environment),
            "fixtures" => Ok(Subpath::Fixture),
            _ => Subpath::ALL.into_iter().find(|p| p.as_str() == s).ok_or(()),
        }
    }
}

/// A known column of any recognised table (flow table, gap list, accepted-gap register).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// `Flow ID`
    FlowId,
    /// `Persona`
    Persona,
    /// `Entry Point`
    EntryPoint,
    /// `Happy Path`
    HappyPath,
    /// `Empty State`
    EmptyState,
    /// `Blocked State`
    BlockedState,
    /// `Recovery`
    Recovery,
    /// `Negative Path`
    NegativePath,
    /// `Cleanup`
    Cleanup,
    /// `UX Anchor`
    UxAnchor,
    /// `Contract / CLI Anchor`
    ContractAnchor,
    /// `Automation Anchor`
    AutomationAnchor,
    /// `UAT Row`
    UatRow,
    /// `Fixture / Env`
    FixtureEnv,
    /// `Lane`
    Lane,
    /// `Level`
    Level,
    /// `Status`
    Status,
    /// `Owner`
    Owner,
    /// `Gap Task`
    GapTask,
    /// `Priority`
    Priority,
    /// `Gap` (gap list)
    Gap,
    /// `Classification` (gap list)
    Classification,
    /// `Why It Matters` (gap list)
    WhyItMatters,
    /// `detected_by` (gap list)
    DetectedBy,
    /// `expected_gate` (gap list)
    ExpectedGate,
    /// `Reason` (register)
    Reason,
    /// `Expiry` (register)
    Expiry,
    /// `Follow-up` (register)
    FollowUp,
    /// `Subpath` (register)
    Subpath,
}

impl Column {
    /// The column's canonical header, as the seed writes it.
    pub fn header(self) -> &'static str {
        match self {
            Column::FlowId => "Flow ID",
            Column::Persona => "Persona",
            Column::EntryPoint => "Entry Point",
            Column::HappyPath => "Happy Path",
            Column::EmptyState => "Empty State",
            Column::BlockedState => "Blocked State",
            Column::Recovery => "Recovery",
            Column::NegativePath => "Negative Path",
            Column::Cleanup => "Cleanup",
            Column::UxAnchor => "UX Anchor",
            Column::ContractAnchor => "Contract / CLI Anchor",
            Column::AutomationAnchor => "Automation Anchor",
            Column::UatRow => "UAT Row",
            Column::FixtureEnv => "Fixture / Env",
            Column::Lane => "Lane",
            Column::Level => "Level",
            Column::Status => "Status",
            Column::Owner => "Owner",
            Column::GapTask => "Gap Task",
            Column::Priority => "Priority",
            Column::Gap => "Gap",
            Column::Classification => "Classification",
            Column::WhyItMatters => "Why It Matters",
            Column::DetectedBy => "detected_by",
            Column::ExpectedGate => "expected_gate",
            Column::Reason => "Reason",
            Column::Expiry => "Expiry",
            Column::FollowUp => "Follow-up",
            Column::Subpath => "Subpath",
        }
    }

    /// Recognises a header by name: case, spacing and punctuation are folded, and common
    /// aliases are accepted (`Contract Anchor`, `CLI Anchor`, `Owners`, `Gap Tasks`, …).
    pub fn from_header(header: &str) -> Option<Column> {
        let mut folded = String::with_capacity(header.len());
        for c in header.chars().filter(|c| c.is_alphanumeric()) {
            crate::fold::push_lower(&mut folded, c);
        }
        let col = match folded.as_str() {
            "flowid" | "flow" => Column::FlowId,
            "persona" | "personas" => Column::Persona,
            "entrypoint" | "entrypoints" => Column::EntryPoint,
            "happypath" | "happy" => Column::HappyPath,
            "emptystate" | "empty" => Column::EmptyState,
            "blockedstate" => Column::BlockedState,
            "recovery" | "recoverypath" => Column::Recovery,
            "negativepath" | "negative" => Column::NegativePath,
            "cleanup" | "cleanuppath" => Column::Cleanup,
            "uxanchor" | "uxanchors" => Column::UxAnchor,
            "contractclianchor"
            | "contractanchor"
            | "clianchor"
            | "contractapianchor"
            | "apianchor"
            | "contractapiclianchor" => Column::ContractAnchor,
            "automationanchor" | "automationanchors" | "automation" => Column::AutomationAnchor,
            "uatrow" | "uatrows" => Column::UatRow,
            "fixtureenv" | "fixture" | "fixtures" | "fixtureenvironment" => Column::FixtureEnv,
            "lane" | "lanes" => Column::Lane,
            "level" | "coveragelevel" => Column::Level,
            "status" => Column::Status,
            "owner" | "owners" => Column::Owner,
            "gaptask" | "gaptasks" => Column::GapTask,
            "priority" => Column::Priority,
            "gap" => Column::Gap,
            "classification" => Column::Classification,
            "whyitmatters" => Column::WhyItMatters,
            "detectedby" => Column::DetectedBy,
            "expectedgate" => Column::ExpectedGate,
            "reason" => Column::Reason,
            "expiry" | "expires" | "expirydate" => Column::Expiry,
            "followup" | "followuptask" => Column::FollowUp,
            "subpath" => Column::Subpath,
            _ => return None,
        };
        Some(col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_ordered() {
        assert!(Level::L2 < Level::L3);
        assert_eq!("l4".parse::<Level>(), Ok(Level::L4));
        assert!("L6".parse::<Level>().is_err());
    }

    #[test]
    fn headers_fold_case_spacing_and_aliases() {
        assert_eq!(
            Column::from_header("Contract / CLI Anchor"),
            Some(Column::ContractAnchor)
        );
        assert_eq!(Column::from_header("  flow   id "), Some(Column::FlowId));
        assert_eq!(Column::from_header("Detected By"), Some(Column::DetectedBy));
        assert_eq!(Column::from_header("Risk"), None);
    }

    #[test]
    fn priority_is_named_once_in_a_heading() {
        assert_eq!(Priority::named_in("P0 Flow Matrix"), Some(Priority(0)));
        assert_eq!(Priority::named_in("P0/P1 Gap List"), None);
        assert_eq!(Priority::named_in("Purpose"), None);
    }
}
