//! flowready's Python binding: the native module `flowready._native`.
//!
//! Every function here converts its arguments, calls one function of [`flowready::api`]
//! (or one of the crate's JSON twins) and converts the result; the typed Python API, the
//! UAT-runner helpers and the pytest plugin live in the pure-Python package
//! (`python/flowready/`), which is the only caller of this module.
//!
//! - Parsing, evaluating and reading evidence run with the GIL released
//!   ([`Python::detach`]), so other Python threads run meanwhile.
//! - Results keep the core's own values (a [`flowready::Report`], an [`Evidence`]); their
//!   JSON is the core's serialisation, so `Report.to_json()` is byte for byte what
//!   [`flowready::evaluate_json`] returns.
//! - Errors are mapped in one place, `to_py_err`, from [`flowready::Error::code`] to the
//!   exception classes of `flowready._errors`.

use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::PyDict;

use flowready::api;
use flowready::{Error, Evidence, EvidenceError, Options};

/// Turns a core error into the Python exception that `flowready._errors._from_core`
/// builds for its [`Error::code`]: the one place where errors are mapped.
fn to_py_err(py: Python<'_>, error: &Error) -> PyErr {
    match build_py_err(py, error) {
        Ok(err) | Err(err) => err,
    }
}

fn build_py_err(py: Python<'_>, error: &Error) -> PyResult<PyErr> {
    let details = PyDict::new(py);
    match error {
        Error::Evidence(e) => evidence_details(&details, e)?,
        Error::UnknownFlow { id, suggestion } => {
            details.set_item("flow", id)?;
            details.set_item("suggestion", suggestion)?;
        }
        Error::UnknownFormat(name) => details.set_item("format", name)?,
        Error::Options(_) | Error::Serialize(_) => {}
    }
    let factory = py.import("flowready._errors")?.getattr("_from_core")?;
    let exception = factory.call1((error.code(), error.to_string(), details))?;
    Ok(PyErr::from_value(exception))
}

fn evidence_details(details: &Bound<'_, PyDict>, e: &EvidenceError) -> PyResult<()> {
    details.set_item("source", e.file())?;
    let kind = match e {
        EvidenceError::TooLarge { .. } => "too_large",
        EvidenceError::UnknownFormat { .. } => "unknown_format",
        EvidenceError::Syntax { .. } => "syntax",
        EvidenceError::Shape { .. } => "shape",
    };
    details.set_item("kind", kind)?;
    let position = e.position();
    details.set_item("line", position.and_then(|p| p.line))?;
    details.set_item("column", position.and_then(|p| p.column))?;
    details.set_item("byte", position.and_then(|p| p.byte))?;
    Ok(())
}

/// A value the core could not serialise (should not happen): still a `FlowreadyError`.
fn serialize_err(py: Python<'_>, e: serde_json::Error) -> PyErr {
    to_py_err(py, &Error::Serialize(e))
}

/// A parsed matrix: the core's model of a document.
#[pyclass(frozen, module = "flowready._native")]
struct ParsedMatrix {
    /// Owned: the model outlives the Python string it was parsed from.
    matrix: flowready::Matrix<'static>,
}

#[pymethods]
impl ParsedMatrix {
    /// The model as JSON (what `flowready::parse_json` returns).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        py.detach(|| serde_json::to_string(&self.matrix))
            .map_err(|e| serialize_err(py, e))
    }

    /// The findings of parsing, as a JSON array.
    fn findings_json(&self, py: Python<'_>) -> PyResult<String> {
        serde_json::to_string(&self.matrix.findings).map_err(|e| serialize_err(py, e))
    }
}

/// Evaluation options, read by the core from JSON.
#[pyclass(frozen, module = "flowready._native")]
struct NativeOptions {
    options: Options,
}

#[pymethods]
impl NativeOptions {
    /// The options as JSON.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        serde_json::to_string(&self.options).map_err(|e| serialize_err(py, e))
    }
}

/// Test evidence read from one or more reports.
#[pyclass(frozen, module = "flowready._native")]
struct NativeEvidence {
    evidence: Evidence,
}

#[pymethods]
impl NativeEvidence {
    /// The evidence as flowready evidence JSON.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        py.detach(|| serde_json::to_string(&self.evidence))
            .map_err(|e| serialize_err(py, e))
    }

    /// The number of labelled tests.
    fn __len__(&self) -> usize {
        self.evidence.tests.len()
    }
}

/// The core's report.
#[pyclass(frozen, module = "flowready._native")]
struct NativeReport {
    report: flowready::Report,
}

#[pymethods]
impl NativeReport {
    /// The report as JSON: the bytes `flowready::evaluate_json` returns.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        py.detach(|| serde_json::to_string(&self.report))
            .map_err(|e| serialize_err(py, e))
    }

    /// One flow's verdict as JSON; an unknown ID raises `UnknownFlowError`.
    fn flow_json(&self, py: Python<'_>, id: &str) -> PyResult<String> {
        let flow = api::report_flow(&self.report, id).map_err(|e| to_py_err(py, &e))?;
        serde_json::to_string(flow).map_err(|e| serialize_err(py, e))
    }

    /// One flow's evidence coverage as JSON (`null` without evidence or for an unknown
    /// flow).
    fn coverage_json(&self, py: Python<'_>, id: &str) -> PyResult<String> {
        let coverage = self.report.evidence.as_ref().and_then(|e| e.flows.get(id));
        serde_json::to_string(&coverage).map_err(|e| serialize_err(py, e))
    }

    /// True when every in-scope flow is ready or accepted (the gate passed).
    #[getter]
    fn gate_passed(&self) -> bool {
        self.report.gate.passed
    }
}

/// Reads options JSON (`{}` for the defaults); bad values raise `OptionsError`.
#[pyfunction]
fn options_from_json(py: Python<'_>, json: &str) -> PyResult<NativeOptions> {
    api::options_from_json(json)
        .map(|options| NativeOptions { options })
        .map_err(|e| to_py_err(py, &e))
}

/// Parses a matrix document (never fails: problems are findings).
#[pyfunction]
fn parse(py: Python<'_>, text: PyBackedStr) -> ParsedMatrix {
    let matrix = py.detach(|| flowready::parse(&text).into_owned());
    ParsedMatrix { matrix }
}

/// Parses a matrix file's bytes: invalid UTF-8 is a finding (FR001), not an error.
#[pyfunction]
fn parse_bytes(py: Python<'_>, data: PyBackedBytes) -> ParsedMatrix {
    let matrix = py.detach(|| flowready::parse_bytes(&data).into_owned());
    ParsedMatrix { matrix }
}

/// Evaluates a parsed matrix, with evidence when given.
#[pyfunction]
#[pyo3(signature = (matrix, options, evidence=None))]
fn evaluate(
    py: Python<'_>,
    matrix: &Bound<'_, ParsedMatrix>,
    options: &Bound<'_, NativeOptions>,
    evidence: Option<&Bound<'_, NativeEvidence>>,
) -> NativeReport {
    let matrix = &matrix.get().matrix;
    let options = &options.get().options;
    let evidence = evidence.map(|e| &e.get().evidence);
    let report = py.detach(|| match evidence {
        Some(evidence) => flowready::evaluate_with_evidence(matrix, options, evidence),
        None => flowready::evaluate(matrix, options),
    });
    NativeReport { report }
}

/// Parses and evaluates a document, with evidence when given.
#[pyfunction]
#[pyo3(signature = (text, options, evidence=None))]
fn evaluate_text(
    py: Python<'_>,
    text: PyBackedStr,
    options: &Bound<'_, NativeOptions>,
    evidence: Option<&Bound<'_, NativeEvidence>>,
) -> NativeReport {
    let options = &options.get().options;
    let evidence = evidence.map(|e| &e.get().evidence);
    let report = py.detach(|| api::evaluate_text(&text, options, evidence));
    NativeReport { report }
}

/// The JSON twin: `flowready::evaluate_json(text, options_json)`.
#[pyfunction]
fn evaluate_json(py: Python<'_>, text: PyBackedStr, options_json: &str) -> PyResult<String> {
    py.detach(|| flowready::evaluate_json(&text, options_json))
        .map_err(|e| to_py_err(py, &e))
}

/// The JSON twin with evidence: `flowready::evaluate_with_evidence_json`.
#[pyfunction]
fn evaluate_with_evidence_json(
    py: Python<'_>,
    text: PyBackedStr,
    options_json: &str,
    evidence_json: PyBackedStr,
) -> PyResult<String> {
    py.detach(|| flowready::evaluate_with_evidence_json(&text, options_json, &evidence_json))
        .map_err(|e| to_py_err(py, &e))
}

/// Reads one test report (`format`: `playwright`, `junit`, `flowready`, or detected).
#[pyfunction]
#[pyo3(signature = (name, data, format=None))]
fn read_evidence(
    py: Python<'_>,
    name: &str,
    data: PyBackedBytes,
    format: Option<&str>,
) -> PyResult<NativeEvidence> {
    py.detach(|| api::read_evidence(name, &data, format))
        .map(|evidence| NativeEvidence { evidence })
        .map_err(|e| to_py_err(py, &e))
}

/// Merges evidence from several reports, in order.
#[pyfunction]
fn merge_evidence(all: Vec<Bound<'_, NativeEvidence>>) -> NativeEvidence {
    let evidence = Evidence::merged(all.iter().map(|e| e.get().evidence.clone()));
    NativeEvidence { evidence }
}

/// The `Broad UAT Decision` section `decision --write` would write for `report`.
#[pyfunction]
fn decision_section(py: Python<'_>, text: PyBackedStr, report: &Bound<'_, NativeReport>) -> String {
    let report = &report.get().report;
    py.detach(|| api::decision_section(&text, report))
}

/// Explains one flow, as JSON; an unknown ID raises `UnknownFlowError`.
#[pyfunction]
fn explain(
    py: Python<'_>,
    text: PyBackedStr,
    options: &Bound<'_, NativeOptions>,
    flow_id: &str,
) -> PyResult<String> {
    let options = &options.get().options;
    let explanation = py
        .detach(|| api::explain(&text, options, flow_id))
        .map_err(|e| to_py_err(py, &e))?;
    serde_json::to_string(&explanation).map_err(|e| serialize_err(py, e))
}

/// Compares two versions of a matrix, as JSON.
#[pyfunction]
fn diff(
    py: Python<'_>,
    old_text: PyBackedStr,
    new_text: PyBackedStr,
    options: &Bound<'_, NativeOptions>,
) -> PyResult<String> {
    let options = &options.get().options;
    let d = py.detach(|| api::diff(&old_text, &new_text, options));
    serde_json::to_string(&d).map_err(|e| serialize_err(py, e))
}

/// The JSON Schemas of the model, the report, the options and the evidence, as JSON.
#[pyfunction]
fn schemas() -> String {
    flowready::schemas().to_string()
}

/// Every subpath name, in matrix column order.
#[pyfunction]
fn subpaths() -> Vec<&'static str> {
    flowready::Subpath::ALL.iter().map(|s| s.as_str()).collect()
}

/// `(subpath, None)` for a name that means a subpath (`@Negative`, `env`), else
/// `(None, nearest)` with the nearest subpath name, if one is close.
#[pyfunction]
fn subpath(name: &str) -> (Option<&'static str>, Option<&'static str>) {
    match api::subpath(name) {
        Ok(s) => (Some(s.as_str()), None),
        Err(suggestion) => (None, suggestion),
    }
}

/// The native half of the `flowready` package.
#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ParsedMatrix>()?;
    m.add_class::<NativeOptions>()?;
    m.add_class::<NativeEvidence>()?;
    m.add_class::<NativeReport>()?;
    m.add_function(wrap_pyfunction!(options_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(parse_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_text, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_json, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_with_evidence_json, m)?)?;
    m.add_function(wrap_pyfunction!(read_evidence, m)?)?;
    m.add_function(wrap_pyfunction!(merge_evidence, m)?)?;
    m.add_function(wrap_pyfunction!(decision_section, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(diff, m)?)?;
    m.add_function(wrap_pyfunction!(schemas, m)?)?;
    m.add_function(wrap_pyfunction!(subpaths, m)?)?;
    m.add_function(wrap_pyfunction!(subpath, m)?)?;
    m.add("CORE_VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
