"""QA verdicts on applied changes (no Qt: the app's review mode is a thin layer over this).

A reviewer approves or reverts each applied change. Reverting regenerates the clean file from the
original and the log (the reverted record no longer applies) and rewrites the log with the
verdict, each file atomically; `corpusfix verify` accepts the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from corpusfix.core.batch_layout import (
    LOG_SUFFIX,
    REPORT_SUFFIX,
    logs_in,
    original_under,
    recorded_sources,
)
from corpusfix.core.changelog import (
    Changelog,
    LogRecord,
    Review,
    read_changelog,
    replay,
)
from corpusfix.core.errors import ChangelogError, CorpusfixError, UsageError
from corpusfix.core.files import check_outputs, write_set
from corpusfix.core.loading import sha256_hex
from corpusfix.core.session import REVERTED, is_applied, utc_now

APPROVED = "approved"
__all__ = ["APPROVED", "REVERTED", "ReviewFile", "ReviewSet", "applied_count", "open_review"]


@dataclass
class ReviewFile:
    """One exported file: its original, clean text and change log."""

    rel: str
    original: Path
    clean: Path
    log_path: Path
    log: Changelog
    changed: bool = False
    # the log as opened: saving checks that it still replays to the clean file on disk, so that
    # a log or clean file changed after the export is not re-signed (or overwritten) by a save
    opened: Changelog = field(init=False)

    def __post_init__(self) -> None:
        self.opened = Changelog(dict(self.log.header), list(self.log.records))

    @property
    def changes(self) -> list[LogRecord]:
        """Records that were applied by the export (the ones a reviewer judges)."""
        return [r for r in self.log.records if is_applied(r.decision)]

    def verdict(self, record: LogRecord) -> str | None:
        return record.verdict

    def set_verdict(self, record_id: str, verdict: str, by: str) -> None:
        for i, r in enumerate(self.log.records):
            if r.id == record_id and is_applied(r.decision):
                if r.verdict != verdict:
                    self.log.records[i] = r.updated(review=Review(verdict, by, utc_now()))
                    self.changed = True
                return
        raise UsageError(f"{self.rel}: no applied change '{record_id}' to review")

    def lowest_confidence(self) -> float:
        return min((float(r.confidence) for r in self.changes), default=1.0)

    def kinds(self) -> list[str]:
        return sorted({r.kind for r in self.changes})

    def reviewed(self) -> int:
        return sum(1 for r in self.changes if self.verdict(r))

    def report_path(self) -> Path | None:
        """The HTML report written beside the clean file (batch's or the app's name), if any."""
        if "jsonl_field" in self.log.header:
            return None  # a JSON Lines report is one page over many articles: batch's own
        for p in (
            self.clean.with_name(self.clean.name + REPORT_SUFFIX),
            self.clean.with_suffix(REPORT_SUFFIX),
        ):
            if p.is_file() and p not in (self.original, self.clean, self.log_path):
                return p
        return None

    def save(self, report_lang: str = "en") -> None:
        """Regenerate the clean file, its HTML report (when there is one) and the log, as one
        set: a report left showing the old verdicts would contradict the clean text."""
        if not self.changed:
            return
        from corpusfix.export.report import html_report

        original = self.original.read_bytes()
        self._check_unchanged_since_export(original)
        # the verdicts changed what applies: the recorded clean_sha256 is the old one
        clean = replay(original, self.log, str(self.log_path), check_clean=False)
        self.log.header["clean_sha256"] = sha256_hex(clean)
        files = [(self.clean, clean)]
        report = self.report_path()
        if report is not None:
            page = html_report(
                self.original_text(),
                self.log.records,
                title=self.rel,
                header=self.log.header,
                lang=report_lang,
            )
            files.append((report, page.encode("utf-8", errors="replace")))
        write_set([*files, (self.log_path, self.log.to_bytes())])  # log last
        self.changed = False

    def _check_unchanged_since_export(self, original: bytes) -> None:
        """ChangelogError unless the opened log replays to its clean_sha256 and the clean file
        on disk is that text: a save must not legitimise a tampered log or drop hand edits."""
        replay(original, self.opened, str(self.log_path), check_clean=True)
        recorded = self.opened.header.get("clean_sha256")
        if self.clean.is_file() and sha256_hex(self.clean.read_bytes()) != recorded:
            raise ChangelogError(
                f"{self.clean}: changed since the export (its sha256 is not the log's "
                "clean_sha256); not saved, so that the changes are kept: run corpusfix verify"
            )

    def original_text(self) -> str:
        from corpusfix.core.changelog import original_text

        data = self.original.read_bytes()
        if "jsonl_field" in self.log.header:
            return data.decode("utf-8", errors="replace")  # a bad record may not be UTF-8
        return original_text(data, self.log.header, str(self.log_path))  # a PDF: re-extracted


@dataclass
class ReviewSet:
    files: list[ReviewFile] = field(default_factory=list)
    outdir: Path | None = None  # the batch OUTDIR it was opened from

    def paths(self) -> list[Path]:
        """Every file the review reads or rewrites (no other output may be one of them)."""
        return [p for f in self.files for p in (f.original, f.clean, f.log_path)]

    def __iter__(self) -> Iterator[ReviewFile]:
        return iter(self.files)

    def by_rel(self, rel: str) -> ReviewFile:
        for f in self.files:
            if f.rel == rel:
                return f
        raise KeyError(rel)

    def set_kind(
        self, kind: str, verdict: str, by: str, files: Iterable[ReviewFile] | None = None
    ) -> int:
        n = 0
        for f in files or self.files:
            for r in f.changes:
                if r.kind == kind:
                    f.set_verdict(r.id, verdict, by)
                    n += 1
        return n

    def save(self, report_lang: str = "en") -> list[str]:
        errors = []
        for f in self.files:
            try:
                f.save(report_lang)
            except CorpusfixError as exc:
                errors.append(str(exc))
        return errors


def open_review(path: Path, originals: Path | None = None) -> ReviewSet:
    """A batch OUTDIR, a clean file written by `fix` (its log beside it), or a log file."""
    if path.is_dir():
        return _open_outdir(path, originals)
    log_path = path if path.name.endswith(LOG_SUFFIX) else path.with_name(path.name + LOG_SUFFIX)
    if not log_path.is_file():
        raise UsageError(f"{path}: no change log {log_path.name} beside it")
    clean = log_path.with_name(log_path.name[: -len(LOG_SUFFIX)])
    log = read_changelog(log_path)
    name = str(log.header.get("original", ""))
    candidates = [(originals or clean.parent) / name]
    if originals is None and log.header.get("original_path"):
        candidates.insert(0, Path(str(log.header["original_path"])))  # recorded by `fix`
    original = next((c for c in candidates if c.is_file()), candidates[-1])
    if not original.is_file():
        raise UsageError(f"{path}: original '{name}' not found; give --originals DIR")
    return ReviewSet([_checked(ReviewFile(clean.name, original, clean, log_path, log))])


def _checked(f: ReviewFile) -> ReviewFile:
    """Saving rewrites the clean file and the log: neither may be the original."""
    check_outputs([f.clean, f.log_path], [f.original])
    return f


def _open_outdir(outdir: Path, originals: Path | None) -> ReviewSet:
    recorded = recorded_sources(outdir) or {}
    files = []
    for rel, log_path in logs_in(outdir).items():
        original = original_under(originals, rel) if originals else recorded.get(rel)
        if original is None or not Path(original).is_file():
            raise UsageError(f"{outdir}: the original of {rel} is not found; give --originals DIR")
        log = read_changelog(log_path)
        files.append(_checked(ReviewFile(rel, Path(original), outdir / rel, log_path, log)))
    if not files:
        raise UsageError(f"{outdir}: no change logs found (is this a corpusfix output?)")
    return ReviewSet(files, outdir)


def applied_count(f: ReviewFile) -> int:
    return sum(1 for r in f.log.records if r.applied)
