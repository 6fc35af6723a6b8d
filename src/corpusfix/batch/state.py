"""The run's embedded state: one SQLite file in OUTDIR/_corpusfix/ (resumable, on disk)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpusfix.batch.fingerprint import jaccard
from corpusfix.batch.worker import FileResult

STATE_DIR = "_corpusfix"
SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    rel TEXT PRIMARY KEY, source TEXT NOT NULL, size INTEGER, mtime_ns INTEGER, sha256 TEXT,
    encoding TEXT, status TEXT NOT NULL, error TEXT, suggestions TEXT, applied TEXT,
    pending INTEGER
);
CREATE TABLE IF NOT EXISTS articles (
    rel TEXT NOT NULL, article INTEGER NOT NULL, exact INTEGER NOT NULL, length INTEGER,
    sentences TEXT, PRIMARY KEY (rel, article)
);
CREATE INDEX IF NOT EXISTS articles_exact ON articles (exact);
CREATE TABLE IF NOT EXISTS sketch (
    hash INTEGER NOT NULL, rel TEXT NOT NULL, article INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sketch_hash ON sketch (hash);
CREATE INDEX IF NOT EXISTS sketch_rel ON sketch (rel);
CREATE TABLE IF NOT EXISTS paragraphs (hash INTEGER NOT NULL, rel TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS paragraphs_hash ON paragraphs (hash);
CREATE INDEX IF NOT EXISTS paragraphs_rel ON paragraphs (rel);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS failed_articles (
    rel TEXT NOT NULL, article INTEGER NOT NULL, error TEXT, PRIMARY KEY (rel, article)
);
"""
PER_FILE_TABLES = ("files", "articles", "sketch", "paragraphs", "failed_articles")
NEAR_JACCARD = 0.8
MAX_SKETCH_SHARE = 100


class RunState:
    def __init__(self, outdir: Path) -> None:
        self.dir = outdir / STATE_DIR
        self.dir.mkdir(parents=True, exist_ok=True)
        self.path = self.dir / "state.sqlite"
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.known = {row[0] for row in self.db.execute("SELECT rel FROM files")}

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def commit(self) -> None:
        self.db.commit()

    def set_meta(self, key: str, value: Any) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))

    def get_meta(self, key: str) -> Any:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def done(self) -> dict[str, tuple[int, int]]:
        """rel -> (size, mtime_ns) of files finished in an earlier run."""
        rows = self.db.execute("SELECT rel, size, mtime_ns FROM files WHERE status = 'done'")
        return {rel: (size, mtime) for rel, size, mtime in rows}

    def record(self, r: FileResult) -> None:
        db = self.db
        if r.rel in self.known:  # a file seen by an earlier run: replace its rows
            for table in PER_FILE_TABLES:
                db.execute(f"DELETE FROM {table} WHERE rel = ?", (r.rel,))
        self.known.add(r.rel)
        db.execute(
            "INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                r.rel, r.source, r.size, r.mtime_ns, r.sha256, r.encoding, r.status, r.error,
                json.dumps(r.suggestions, sort_keys=True), json.dumps(r.applied, sort_keys=True),
                r.pending,
            ),
        )  # fmt: skip
        db.executemany(
            "INSERT INTO failed_articles VALUES (?,?,?)",
            [(r.rel, article, error) for article, error in r.failed_articles],
        )
        for article, fp in r.prints:
            db.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?)",
                (r.rel, article, fp.exact, fp.length, json.dumps(fp.sentences)),
            )
            db.executemany(
                "INSERT INTO sketch VALUES (?,?,?)", [(h, r.rel, article) for h in fp.sketch]
            )
            db.executemany(
                "INSERT INTO paragraphs VALUES (?,?)", [(h, r.rel) for h in fp.paragraphs]
            )

    def forget_missing(self, rels: set[str]) -> None:
        """Drop files that are no longer among the inputs."""
        known = [row[0] for row in self.db.execute("SELECT rel FROM files")]
        for rel in known:
            if rel not in rels:
                for table in PER_FILE_TABLES:
                    self.db.execute(f"DELETE FROM {table} WHERE rel = ?", (rel,))

    def files(self) -> Iterator[dict[str, Any]]:
        cur = self.db.execute(
            "SELECT rel, source, size, sha256, encoding, status, error, suggestions, applied, "
            "pending FROM files ORDER BY rel"
        )
        for rel, source, size, sha, enc, status, error, sugg, applied, pending in cur:
            yield {
                "rel": rel, "source": source, "size": size, "sha256": sha, "encoding": enc,
                "status": status, "error": error, "suggestions": json.loads(sugg or "{}"),
                "applied": json.loads(applied or "{}"), "pending": pending or 0,
            }  # fmt: skip

    def failed_articles(self) -> dict[str, list[tuple[int, str]]]:
        """rel -> (line, reason) of the JSON Lines records that failed alone."""
        out: dict[str, list[tuple[int, str]]] = {}
        rows = self.db.execute(
            "SELECT rel, article, error FROM failed_articles ORDER BY rel, article"
        )
        for rel, article, error in rows:
            out.setdefault(rel, []).append((int(article), str(error)))
        return out

    # ----- duplicates across the archive -----
    def duplicate_articles(self) -> list[list[str]]:
        """Clusters of the same article (exact, or ≥ 80 % of sentences shared), kept one first."""
        parent: dict[tuple[str, int], tuple[str, int]] = {}

        def find(x: tuple[str, int]) -> tuple[str, int]:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        members: set[tuple[str, int]] = set()

        def union(a: tuple[str, int], b: tuple[str, int]) -> None:
            members.update((a, b))
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        exact = self.db.execute(
            "SELECT exact, rel, article FROM articles WHERE exact IN "
            "(SELECT exact FROM articles WHERE length >= 50 GROUP BY exact HAVING COUNT(*) > 1) "
            "ORDER BY exact, rel, article"
        )
        last: tuple[int, tuple[str, int]] | None = None
        for h, rel, art in exact:
            if last is not None and last[0] == h:
                union(last[1], (rel, art))
            last = (h, (rel, art))
        # Near-identical: candidates share two sketch entries; confirm by sentence overlap.
        # An entry found in very many articles is a stock phrase, not a sign of duplication.
        cand = self.db.execute(
            "WITH useful AS (SELECT hash FROM sketch GROUP BY hash HAVING COUNT(*) <= ?) "
            "SELECT a.rel, a.article, b.rel, b.article FROM sketch a JOIN sketch b "
            "ON a.hash = b.hash AND (a.rel < b.rel OR (a.rel = b.rel AND a.article < b.article)) "
            "WHERE a.hash IN useful "
            "GROUP BY a.rel, a.article, b.rel, b.article HAVING COUNT(*) >= 2",
            (MAX_SKETCH_SHARE,),
        ).fetchall()
        for ra, aa, rb, ab in cand:
            if find((ra, aa)) == find((rb, ab)):
                continue
            sa, sb = self._sentences(ra, aa), self._sentences(rb, ab)
            if len(sa) >= 3 and jaccard(sa, sb) >= NEAR_JACCARD:
                union((ra, aa), (rb, ab))
        clusters: dict[tuple[str, int], list[tuple[str, int]]] = {}
        for member in members:
            clusters.setdefault(find(member), []).append(member)
        out = []
        for group in clusters.values():
            lengths = {m: self._length(*m) for m in group}
            ordered = sorted(group, key=lambda m: (-lengths[m], m))  # most complete first
            out.append([_label(m) for m in ordered])
        return sorted(out)

    def repeated_paragraphs(self, limit: int = 100) -> tuple[int, list[list[str]]]:
        """Long paragraphs found in more than one file: (how many, the largest clusters)."""
        rows = self.db.execute(
            "SELECT hash, GROUP_CONCAT(DISTINCT rel) FROM paragraphs GROUP BY hash "
            "HAVING COUNT(DISTINCT rel) > 1 ORDER BY COUNT(DISTINCT rel) DESC, hash"
        ).fetchall()
        clusters = [sorted(str(r[1]).split(",")) for r in rows]
        return len(clusters), clusters[:limit]

    def _sentences(self, rel: str, article: int) -> set[int]:
        row = self.db.execute(
            "SELECT sentences FROM articles WHERE rel = ? AND article = ?", (rel, article)
        ).fetchone()
        return set(json.loads(row[0])) if row else set()

    def _length(self, rel: str, article: int) -> int:
        row = self.db.execute(
            "SELECT length FROM articles WHERE rel = ? AND article = ?", (rel, article)
        ).fetchone()
        return int(row[0]) if row else 0


def _label(member: tuple[str, int]) -> str:
    rel, article = member
    return rel if not rel.endswith(".jsonl") else f"{rel}#{article}"
