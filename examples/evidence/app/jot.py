"""A tiny notes board: the Python half of the evidence example app."""

import csv
import io

MAX_TITLE = 80


class Board:
    """Notes with titles; archive, export and import."""

    def __init__(self, titles=()):
        self.notes = []
        self.archived = []
        for title in titles:
            self.add(title)

    def add(self, title):
        title = title.strip()
        if not title:
            raise ValueError("title is required")
        if len(title) > MAX_TITLE:
            raise ValueError(f"title is longer than {MAX_TITLE} characters")
        self.notes.append(title)
        return title

    def search(self, query):
        # Plain substring match, so regex characters are just characters.
        query = query.strip().lower()
        return [n for n in self.notes if query in n.lower()]

    def clear(self):
        self.notes.clear()

    def archive(self, title):
        self.notes.remove(title)
        self.archived.append(title)

    def export_csv(self, out=None, columns=("title",)):
        if tuple(columns) != ("title",):
            raise ValueError(f"unknown columns: {', '.join(c for c in columns if c != 'title')}")
        out = out if out is not None else io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["title"])
        for note in self.notes:
            writer.writerow([note])
        return out.getvalue() if isinstance(out, io.StringIO) else None

    def import_csv(self, text):
        rows = list(csv.reader(io.StringIO(text)))
        imported = 0
        for row in rows[1:]:
            # Known bug: rows are appended without the checks `add` applies.
            self.notes.append(row[0] if row else "")
            imported += 1
        return imported
