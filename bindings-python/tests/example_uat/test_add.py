"""The adding-jars flow: a module marker names the flow and its UAT row for every test
here; each test's own marker adds the subpath it proves."""

import pytest

pytestmark = pytest.mark.flow("FLOW-PANTRY-ADD-001", uat="UAT-PANTRY-ADD-001")


def test_add_jar():
    # Module marker only: names the flow and the UAT row, proves no subpath by itself.
    assert "jam".title() == "Jam"


@pytest.mark.flow("FLOW-PANTRY-ADD-001", "happy")
def test_add_jar_with_date():
    assert len("2026-12-01") == 10


@pytest.mark.flow("FLOW-PANTRY-ADD-001", "empty")
def test_empty_shelf_prompts():
    assert [] == []


@pytest.mark.flow("FLOW-PANTRY-ADD-001", "negative")
@pytest.mark.parametrize("name", ["", "   "])
def test_nameless_jar_is_refused(name):
    assert not name.strip()
