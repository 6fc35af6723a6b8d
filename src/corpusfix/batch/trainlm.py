"""``batch --train-lm``: a character model of the batch's own inputs, built before the run.

Every input the run can read is read as the run reads it (JSON Lines articles with
``--jsonl-field``, PDFs through their text layer, any encoding), in the order of its path, and
counted by the same builder as ``corpusfix lm build``. The model goes to OUTDIR/_corpusfix/ under
a name with its digest, written atomically; a resumed or extended run reuses it, so every file of
a run is judged by one model. A run killed while the model was being built left no model: the
next run builds it again, and the build is deterministic (the same inputs give the same bytes,
whatever the number of jobs), so the outputs are the same as an uninterrupted run's.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

from corpusfix.batch.inputs import Task
from corpusfix.batch.state import RESTART_HINT
from corpusfix.core.batch_layout import TRAIN_LM_GLOB, state_dir
from corpusfix.core.errors import CorpusfixError, InputError, UsageError
from corpusfix.core.files import atomic_write
from corpusfix.core.jsonl import articles, parse_jsonl
from corpusfix.core.loading import read_input, sha256_hex
from corpusfix.core.sources import load_source
from corpusfix.lm.build import CharLMBuilder
from corpusfix.lm.defaults import DEFAULT_ORDER
from corpusfix.lm.progress import BuildProgress
from corpusfix.lm.usermodel import load_user_model


def _texts(
    task: Task, encoding: str | None, jsonl_field: str | None, max_bytes: int
) -> tuple[str, list[str]] | None:
    """(sha256, texts) of one input, or None when the run will fail it (it is reported then)."""
    try:
        data = read_input(task.source, max_bytes)
        if jsonl_field and task.rel.endswith(".jsonl"):
            lines = parse_jsonl(data, jsonl_field, task.source)
            texts = [text for _, text in articles(lines)]
        else:
            texts = [load_source(data, encoding, task.source)[0].text]
    except (OSError, CorpusfixError, MemoryError):
        return None
    return sha256_hex(data), texts


def _sizes(tasks: list[Task]) -> Iterator[tuple[Task, int]]:
    for task in sorted(tasks, key=lambda t: t.rel):
        try:
            size = Path(task.source).stat().st_size
        except OSError:
            size = 0
        yield task, size


def _reusable(path: Path) -> Path:
    """An earlier run's model, if intact: its name carries the digest of its bytes."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    except OSError as exc:
        raise CorpusfixError(f"{path}: cannot read the trained model ({exc.strerror})") from None
    if path.name != model_name(digest):
        raise CorpusfixError(
            f"{path}: the trained model is damaged (its content does not match its name); "
            f"delete it to train anew, or {RESTART_HINT}"
        )
    load_user_model(path)  # a damaged file: one line now, not in every worker
    return path


def model_name(digest12: str) -> str:
    return f"train-lm-{digest12}.charlm"


def trained_model(
    tasks: list[Task],
    outdir: Path,
    encoding: str | None,
    jsonl_field: str | None,
    max_bytes: int,
    order: int = DEFAULT_ORDER,
) -> Path:
    """The run's model: an earlier run's, or one trained now on ``tasks``."""
    folder = state_dir(outdir)
    earlier = sorted(folder.glob(TRAIN_LM_GLOB))
    if earlier:
        sys.stderr.write(f"train-lm: reusing {earlier[-1].name}\n")
        return _reusable(earlier[-1])
    files = list(_sizes(tasks))
    progress = BuildProgress(sum(size for _, size in files))
    with CharLMBuilder(order, log=progress.note) as builder:
        for task, size in files:
            got = _texts(task, encoding, jsonl_field, max_bytes)
            if got is not None:
                builder.add_source(got[0])
                for text in got[1]:
                    builder.add_text(text)
            progress.update(size, failed=got is None)
        try:
            data = builder.build()
        except InputError:
            progress.finish()
            raise UsageError("--train-lm: the inputs hold no text to train on") from None
        characters = builder.characters
    progress.finish()
    digest = hashlib.sha256(data).hexdigest()
    path = folder / model_name(digest[:12])
    try:
        atomic_write(path, data, durable=True)
    except OSError as exc:
        raise CorpusfixError(f"{path}: cannot write the trained model ({exc.strerror})") from None
    sys.stderr.write(
        f"train-lm: {characters:,} characters -> {path.name} ({len(data) / 1e6:.1f} MB, "
        f"sha256 {digest[:12]}…)\n"
    )
    return path
