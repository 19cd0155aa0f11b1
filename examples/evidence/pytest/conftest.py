"""Turns `@pytest.mark.flow(FLOW_ID, *subpaths, uat=None)` markers into JUnit properties.

Each marker writes `flow`, then one `subpath` per subpath, then `uat_row`, so a test that
proves several flows carries one group of properties per flow (see docs/evidence.md).
Markers on a class or module come first, like Playwright's inherited `describe` tags.

This appends to `item.user_properties` at collection time, which is what the
`record_property` fixture does at run time; doing it at collection time means tests
skipped before their fixtures run (`@pytest.mark.skip`) still say which flow they skip.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "app"))


def pytest_configure(config):
    config.addinivalue_line("markers", "flow(flow_id, *subpaths, uat=None): the flow and subpaths a test proves")


def pytest_collection_modifyitems(items):
    for item in items:
        # iter_markers yields the closest marker first; reverse so outer scopes come first.
        for mark in reversed(list(item.iter_markers("flow"))):
            flow_id, *subpaths = mark.args
            item.user_properties.append(("flow", flow_id))
            for subpath in subpaths:
                item.user_properties.append(("subpath", subpath))
            if mark.kwargs.get("uat"):
                item.user_properties.append(("uat_row", mark.kwargs["uat"]))
