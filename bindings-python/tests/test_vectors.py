"""Every conformance vector in tests/vectors gives the core's bytes through Python: through
the JSON twins and through the typed API (`evaluate(...).to_json()`)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import flowready

VECTORS = Path(__file__).resolve().parent.parent.parent / "tests" / "vectors"
NAMES = sorted(p.name[: -len(".expected.json")] for p in VECTORS.glob("*.expected.json"))


def test_there_are_vectors():
    assert len(NAMES) >= 50
    assert any((VECTORS / f"{n}.evidence.json").exists() for n in NAMES)


def _case(name: str):
    text = (VECTORS / f"{name}.md").read_bytes().decode("utf-8")  # no newline translation
    spec = json.loads((VECTORS / f"{name}.json").read_text(encoding="utf-8"))
    expected = (VECTORS / f"{name}.expected.json").read_bytes().decode("utf-8")
    evidence = VECTORS / f"{name}.evidence.json"
    return text, spec, expected, evidence if evidence.exists() else None


@pytest.mark.parametrize("name", NAMES)
def test_vector_bytes(name: str):
    text, spec, expected, evidence = _case(name)
    options_json = json.dumps(spec["options"])
    if evidence is None:
        twin = flowready.evaluate_json(text, options_json)
        report = flowready.evaluate(text, **spec["options"])
        parsed = flowready.evaluate(flowready.parse(text), **spec["options"])
    else:
        twin = flowready.evaluate_with_evidence_json(text, options_json, evidence.read_text(encoding="utf-8"))
        report = flowready.evaluate(text, evidence=evidence, **spec["options"])
        parsed = flowready.evaluate(flowready.parse(text), evidence=flowready.read_evidence(evidence), **spec["options"])
    assert twin + "\n" == expected
    assert report.to_json() + "\n" == expected
    assert parsed.to_json() + "\n" == expected


@pytest.mark.parametrize("name", NAMES)
def test_vector_meaning(name: str):
    text, spec, _, evidence = _case(name)
    report = flowready.evaluate(text, evidence=evidence, **spec["options"])
    expect = spec["expect"]
    assert report.ready == expect["ready"]
    assert report.accepted_gap == expect["accepted_gap"]
    assert report.blocked == expect["blocked"]
    assert sorted(f.code for f in report.findings) == sorted(expect["codes"])
    assert sum(1 for f in report.findings if f.severity is flowready.Severity.ERROR) == expect["errors"]
    for flow_id, want in expect.get("flows", {}).items():
        flow = report.flow(flow_id)
        for key, value in want.items():
            if key == "reason_codes":
                assert [r.code for r in flow.reasons if r.code] == value
            else:
                assert flow.to_dict()[key] == value
    for flow_id, states in expect.get("subpaths", {}).items():
        coverage = report.flow(flow_id).coverage
        assert coverage is not None
        got = {s.value: c.state.value for s, c in coverage.subpaths.items()}
        for sub, state in states.items():
            assert got[sub] == state
    assert Counter(f.code for f in report.findings) == Counter(expect["codes"])
