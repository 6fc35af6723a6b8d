"""The run's embedded state: one SQLite file in OUTDIR/_corpusfix/ (resumable, on disk).

Paths go in and out through ``to_db``/``from_db`` (a file name that is not valid UTF-8 is kept
as bytes); everything else this module returns is plain ``str``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpusfix.batch.fingerprint import jaccard
from corpusfix.batch.worker import FileResult
from corpusfix.core.batch_layout import (
    EVIDENCE_GLOB,
    PER_FILE_TABLES,
    SCHEMA,
    STATE_FILE,
    TRAIN_LM_GLOB,
    display,
    from_db,
    state_dir,
    to_db,
)
from corpusfix.core.errors import CorpusfixError

NEAR_JACCARD = 0.8
MAX_SKETCH_SHARE = 100


_checked: set[str] = set()  # state files this process found intact
RESTART_HINT = "rerun with --restart to start afresh (every file is redone)"


def state_error(path: Path, exc: sqlite3.Error) -> CorpusfixError:
    """One line for a state database that cannot be used."""
    if isinstance(exc, sqlite3.OperationalError):  # disk full, read-only, I/O error
        return CorpusfixError(f"{path}: cannot use the batch state ({exc})")
    return CorpusfixError(f"{path}: the batch state is damaged ({exc}); {RESTART_HINT}")


def discard_state(outdir: Path) -> None:
    """``--restart``: the old database goes aside as state.sqlite.old (with its WAL, so that it
    is never replayed into the new one); the archive evidence is collected anew."""
    folder = state_dir(outdir)
    path = folder / STATE_FILE
    _checked.discard(str(path.resolve()))
    try:
        for suffix in ("", "-wal", "-shm"):
            old = folder / (STATE_FILE + suffix)
            aside = folder / (STATE_FILE + ".old" + suffix)
            if old.exists():
                old.replace(aside)
            elif aside.exists():
                aside.unlink()  # an older copy's WAL must not join this copy
        for earlier in (*folder.glob(EVIDENCE_GLOB), *folder.glob(TRAIN_LM_GLOB)):
            earlier.unlink()
    except OSError as exc:
        raise CorpusfixError(f"{path}: cannot move the old state aside ({exc.strerror})") from None


class RunState:
    def __init__(self, outdir: Path) -> None:
        self.dir = state_dir(outdir)
        self.path = self.dir / STATE_FILE
        existed = self.path.is_file() and self.path.stat().st_size > 0
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path)
        except (OSError, sqlite3.Error) as exc:
            raise CorpusfixError(f"{self.path}: cannot open the batch state ({exc})") from None
        try:
            if existed and str(self.path.resolve()) not in _checked:
                # A damaged database would otherwise fail hours later, at the summary. Once
                # per process (~1.3 s for 50,000 files): under the run's lock no one else writes.
                problems = self.db.execute("PRAGMA quick_check").fetchall()
                if problems != [("ok",)]:
                    raise sqlite3.DatabaseError(str(problems[0][0]))
                _checked.add(str(self.path.resolve()))
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            self.known = {from_db(row[0]) for row in self.db.execute("SELECT rel FROM files")}
        except sqlite3.Error as exc:
            self.db.close()
            raise state_error(self.path, exc) from None

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
        return {from_db(rel): (size, mtime) for rel, size, mtime in rows}

    def _forget(self, rel: str) -> None:
        key = to_db(rel)
        for table in PER_FILE_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE rel = ?", (key,))

    def record(self, r: FileResult) -> None:
        db = self.db
        if r.rel in self.known:  # a file seen by an earlier run: replace its rows
            self._forget(r.rel)
        self.known.add(r.rel)
        rel = to_db(r.rel)
        db.execute(
            "INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                rel, to_db(r.source), r.size, r.mtime_ns, r.sha256, r.encoding, r.status,
                display(r.error), json.dumps(r.suggestions, sort_keys=True),
                json.dumps(r.applied, sort_keys=True), r.pending,
            ),
        )  # fmt: skip
        db.executemany(
            "INSERT INTO failed_articles VALUES (?,?,?)",
            [(rel, article, display(error)) for article, error in r.failed_articles],
        )
        for article, fp in r.prints:
            db.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?)",
                (rel, article, fp.exact, fp.length, json.dumps(fp.sentences)),
            )
            db.executemany(
                "INSERT INTO sketch VALUES (?,?,?)", [(h, rel, article) for h in fp.sketch]
            )
            db.executemany("INSERT INTO paragraphs VALUES (?,?)", [(h, rel) for h in fp.paragraphs])

    def forget_missing(self, rels: set[str]) -> None:
        """Drop files that are no longer among the inputs."""
        for rel in sorted(self.known - rels):
            self._forget(rel)
            self.known.discard(rel)

    def files(self) -> Iterator[dict[str, Any]]:
        cur = self.db.execute(
            "SELECT rel, source, size, sha256, encoding, status, error, suggestions, applied, "
            "pending FROM files ORDER BY rel"
        )
        for rel, source, size, sha, enc, status, error, sugg, applied, pending in cur:
            yield {
                "rel": from_db(rel), "source": from_db(source), "size": size, "sha256": sha,
                "encoding": enc, "status": status, "error": error,
                "suggestions": json.loads(sugg or "{}"), "applied": json.loads(applied or "{}"),
                "pending": pending or 0,
            }  # fmt: skip

    def failed_articles(self) -> dict[str, list[tuple[int, str]]]:
        """rel -> (line, reason) of the JSON Lines records that failed alone."""
        out: dict[str, list[tuple[int, str]]] = {}
        rows = self.db.execute(
            "SELECT rel, article, error FROM failed_articles ORDER BY rel, article"
        )
        for rel, article, error in rows:
            out.setdefault(from_db(rel), []).append((int(article), str(error)))
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
            member = (from_db(rel), art)
            if last is not None and last[0] == h:
                union(last[1], member)
            last = (h, member)
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
        for a_rel, aa, b_rel, ab in cand:
            ra, rb = from_db(a_rel), from_db(b_rel)
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
        repeated = (
            "SELECT hash, COUNT(DISTINCT rel) AS n FROM paragraphs GROUP BY hash HAVING n > 1"
        )
        (count,) = self.db.execute(f"SELECT COUNT(*) FROM ({repeated})").fetchone()
        rows = self.db.execute(
            f"SELECT DISTINCT p.hash, p.rel, m.n FROM paragraphs p JOIN ({repeated}) m "
            "ON p.hash = m.hash ORDER BY m.n DESC, p.hash"
        )
        clusters: list[list[str]] = []
        last: int | None = None
        for h, rel, _ in rows:  # rows of one paragraph are consecutive
            if h != last:
                if len(clusters) == limit:
                    break
                clusters.append([])
                last = h
            clusters[-1].append(from_db(rel))
        return int(count), [sorted(c) for c in clusters]

    def _sentences(self, rel: str, article: int) -> set[int]:
        row = self.db.execute(
            "SELECT sentences FROM articles WHERE rel = ? AND article = ?", (to_db(rel), article)
        ).fetchone()
        return set(json.loads(row[0])) if row else set()

    def _length(self, rel: str, article: int) -> int:
        row = self.db.execute(
            "SELECT length FROM articles WHERE rel = ? AND article = ?", (to_db(rel), article)
        ).fetchone()
        return int(row[0]) if row else 0


def _label(member: tuple[str, int]) -> str:
    rel, article = member
    return rel if not rel.endswith(".jsonl") else f"{rel}#{article}"
