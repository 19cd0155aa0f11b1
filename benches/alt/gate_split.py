#!/usr/bin/env python3
"""A naive Python gate that splits lines on `|`: no Markdown parser at all.

A table is a run of lines starting with `|`; its first line is the header. Cells are the
line split on `|` (escaped pipes and code spans are not understood), stripped of spaces
and backticks. Same basic rules as gate_markdown_it.py. Prints the decision as JSON.
Usage: gate_split.py FILE [--min-level L3]
"""
import json
import re
import sys

LEVELS = {f"L{i}": i for i in range(6)}
TASK_SPLIT = re.compile(r"[;,]")


def cells(line):
    parts = line.strip().strip("|").split("|")
    return [p.strip().replace("`", "") for p in parts]


def open_tasks(cell):
    items = [x.strip() for x in TASK_SPLIT.split(cell) if x.strip()]
    if not items or (len(items) == 1 and items[0].lower() in ("none", "n/a", "na", "-")):
        return []
    return [x.split()[0] for x in items if not x.lower().endswith(" closed")]


def main():
    path = sys.argv[1]
    threshold = LEVELS.get(sys.argv[3] if len(sys.argv) > 3 else "L3", 3)
    decision = {"ready": [], "accepted_gap": [], "blocked": []}
    cols = None
    skip_delim = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("|"):
                cols = None
                continue
            if cols is None:
                header = [" ".join(h.lower().split()) for h in cells(line)]
                cols = {h: i for i, h in enumerate(header)}
                skip_delim = True
                continue
            if skip_delim:
                skip_delim = False
                continue
            if not all(k in cols for k in ("flow id", "level", "status")):
                continue
            row = cells(line)
            get = lambda k: row[cols[k]] if k in cols and cols[k] < len(row) else ""
            fid = get("flow id")
            if not fid:
                continue
            level = LEVELS.get(get("level"), -1)
            status = get("status")
            tasks = open_tasks(get("gap task"))
            if status == "ready_for_broad_uat" and level >= threshold and not tasks:
                decision["ready"].append(fid)
            elif status == "accepted_gap" and get("owner") and tasks:
                decision["accepted_gap"].append(fid)
            else:
                decision["blocked"].append(fid)
    json.dump({"decision": decision, "flows": sum(len(v) for v in decision.values())}, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
