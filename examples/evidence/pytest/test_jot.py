"""Unit and integration tests of the Python half of the Jot example.

Ground truth (what each test is written to do) is listed in docs/evidence.md.
"""

import io

import pytest

from jot import Board


@pytest.mark.flow("FLOW-JOT-ADD-001", "happy", uat="UAT-JOT-ADD-001")
def test_add_note():
    board = Board()
    assert board.add("  Buy milk ") == "Buy milk"
    assert board.notes == ["Buy milk"]


@pytest.mark.flow("FLOW-JOT-ADD-001", "negative")
@pytest.mark.parametrize("title", ["", "   ", "x" * 81])
def test_rejects_bad_titles(title):
    with pytest.raises(ValueError):
        Board().add(title)


@pytest.mark.flow("FLOW-JOT-ADD-001", "cleanup")
def test_clear_removes_every_note():
    board = Board(["a", "b"])
    board.clear()
    assert board.notes == []


@pytest.mark.flow("FLOW-JOT-ADD-001", "fixture")
@pytest.mark.flow("FLOW-JOT-SEARCH-001", "fixture")
@pytest.mark.flow("FLOW-JOT-EXPORT-001", "fixture")
def test_seed_fixture_loads():
    """One test, three flows: the seeded board every browser test starts from."""
    board = Board(["Buy milk", "Call Ana", "Plan trip"])
    assert len(board.notes) == 3


@pytest.mark.flow("FLOW-JOT-SEARCH-001", "negative", uat="UAT-JOT-SEARCH-002")
def test_search_treats_regex_characters_literally():
    board = Board(["a+b", "ab"])
    assert board.search("a+b") == ["a+b"]


@pytest.mark.flow("FLOW-JOT-EXPORT-001", uat="UAT-JOT-EXPORT-001")
class TestExport:
    @pytest.mark.flow("FLOW-JOT-EXPORT-001", "happy")
    def test_export_csv(self):
        assert Board(["a", "b"]).export_csv() == "title\r\na\r\nb\r\n"

    @pytest.mark.flow("FLOW-JOT-EXPORT-001", "empty")
    def test_export_empty_board(self):
        assert Board().export_csv() == "title\r\n"

    @pytest.mark.flow("FLOW-JOT-EXPORT-001", "negative")
    def test_export_rejects_unknown_columns(self):
        with pytest.raises(ValueError, match="unknown columns: owner"):
            Board(["a"]).export_csv(columns=("title", "owner"))

    @pytest.mark.flow("FLOW-JOT-EXPORT-001", "recovery")
    @pytest.mark.xfail(reason="export does not resume after a write error yet", strict=True)
    def test_export_resumes_after_write_error(self):
        class FlakyOut(io.StringIO):
            calls = 0

            def write(self, s):
                FlakyOut.calls += 1
                if FlakyOut.calls == 2:
                    raise OSError("disk full")
                return super().write(s)

        out = FlakyOut()
        try:
            Board(["a", "b"]).export_csv(out)
        except OSError:
            pass
        assert out.getvalue() == "title\r\na\r\nb\r\n"


@pytest.mark.flow("FLOW-JOT-IMPORT-001", "happy", uat="UAT-JOT-IMPORT-001")
def test_import_csv():
    board = Board()
    assert board.import_csv("title\r\na\r\nb\r\n") == 2
    assert board.notes == ["a", "b"]


@pytest.mark.flow("FLOW-JOT-IMPORT-001", "empty")
def test_import_header_only_file():
    assert Board().import_csv("title\r\n") == 0


@pytest.mark.flow("FLOW-JOT-IMPORT-001", "negative")
def test_import_rejects_blank_titles():
    # Fails on purpose: import_csv skips the checks add() applies (a real bug in jot.py).
    with pytest.raises(ValueError):
        Board().import_csv("title\r\n\r\n   \r\n")


@pytest.mark.flow("FLOW-JOT-ARCHIVE-001", "happy", uat="UAT-JOT-ARCHIVE-001")
def test_archive_moves_a_note():
    board = Board(["a", "b"])
    board.archive("a")
    assert (board.notes, board.archived) == (["b"], ["a"])


def test_max_title_is_eighty():
    """Names no flow: evidence readers ignore it for coverage."""
    from jot import MAX_TITLE

    assert MAX_TITLE == 80


@pytest.mark.skip(reason="theme tokens are not designed yet")
@pytest.mark.flow("FLOW-JOT-THEME-001", "happy")
def test_theme_switch():
    raise AssertionError("unreachable")
