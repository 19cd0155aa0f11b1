#!/usr/bin/env python3
"""A plain Python gate on markdown-it-py: the "what would a team write by hand" baseline.

Parses the matrix with markdown-it-py (CommonMark + GFM tables), finds every flow table
(a header with Flow ID, Level and Status), and computes each flow's bucket with the same
basic rules flowready applies (DESIGN.md section 2, without findings):
  ready        status ready_for_broad_uat, level >= threshold, no open gap task
  accepted_gap status accepted_gap with an owner and an open follow-up task
  blocked      everything else
Prints the decision as JSON. Usage: gate_markdown_it.py FILE [--min-level L3]
"""
import json
import re
import sys

from markdown_it import MarkdownIt

LEVELS = {f"L{i}": i for i in range(6)}
TASK_SPLIT = re.compile(r"[;,]")


def norm(header):
    return " ".join(header.lower().split())


def cell_text(inline):
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts).strip()


def tables(tokens):
    """Yields (header, rows) for each table, cells as plain text."""
    i = 0
    while i < len(tokens):
        if tokens[i].type != "table_open":
            i += 1
            continue
        header, rows, row, in_head = [], [], None, False
        i += 1
        while i < len(tokens) and tokens[i].type != "table_close":
            t = tokens[i]
            if t.type == "thead_open":
                in_head = True
            elif t.type == "thead_close":
                in_head = False
            elif t.type == "tr_open":
                row = []
            elif t.type == "tr_close":
                if in_head:
                    header = row
                else:
                    rows.append(row)
            elif t.type == "inline":
                row.append(cell_text(t))
            i += 1
        yield header, rows
        i += 1


def open_tasks(cell):
    items = [x.strip() for x in TASK_SPLIT.split(cell) if x.strip()]
    if not items or (len(items) == 1 and items[0].lower() in ("none", "n/a", "na", "-")):
        return []
    return [x.split()[0] for x in items if not x.lower().endswith(" closed")]


def main():
    path = sys.argv[1]
    threshold = LEVELS.get(sys.argv[3] if len(sys.argv) > 3 else "L3", 3)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    md = MarkdownIt("commonmark").enable("table")
    decision = {"ready": [], "accepted_gap": [], "blocked": []}
    for header, rows in tables(md.parse(text)):
        cols = {norm(h): i for i, h in enumerate(header)}
        if not all(k in cols for k in ("flow id", "level", "status")):
            continue
        get = lambda row, k: row[cols[k]] if k in cols and cols[k] < len(row) else ""
        for row in rows:
            fid = get(row, "flow id")
            if not fid:
                continue
            level = LEVELS.get(get(row, "level"), -1)
            status = get(row, "status")
            tasks = open_tasks(get(row, "gap task"))
            owner = get(row, "owner")
            if status == "ready_for_broad_uat" and level >= threshold and not tasks:
                decision["ready"].append(fid)
            elif status == "accepted_gap" and owner and tasks:
                decision["accepted_gap"].append(fid)
            else:
                decision["blocked"].append(fid)
    json.dump({"decision": decision, "flows": sum(len(v) for v in decision.values())}, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
