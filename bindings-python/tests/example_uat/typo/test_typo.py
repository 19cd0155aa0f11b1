"""A marker with a mistyped subpath: a collection error with a did-you-mean."""

import pytest


@pytest.mark.flow("FLOW-PANTRY-ADD-001", "recovry")
def test_typo():
    pass
