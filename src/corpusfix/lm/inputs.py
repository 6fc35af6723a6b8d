"""The texts ``lm build`` trains on: the inputs batch takes, read one file at a time."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpusfix.batch.inputs import DEFAULT_INCLUDE, matches
from corpusfix.core.batch_layout import LOG_SUFFIX
from corpusfix.core.errors import UsageError
from corpusfix.core.files import same_file
from corpusfix.core.jsonl import parse_jsonl
from corpusfix.core.loading import decode, read_input, sha256_hex


@dataclass(frozen=True)
class Source:
    path: Path
    size: int


def discover_sources(
    sources: Sequence[str],
    model: Path,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
) -> list[Source]:
    """Files and folders (recursively, the include/exclude globs as in batch), each file once,
    in path order. The model must not be one of them: that is a usage error."""
    found: dict[Path, Source] = {}
    for src in sources:
        root = Path(src)
        if not root.exists():
            raise UsageError(f"{src}: no such file or folder")
        if root.is_file():
            candidates = [root]
        else:
            candidates = [
                p
                for p in sorted(root.rglob("*"))
                if p.is_file() and not p.name.endswith(LOG_SUFFIX)  # as batch: no change logs
                and matches(p.relative_to(root).as_posix(), include)
                and not matches(p.relative_to(root).as_posix(), exclude)
            ]  # fmt: skip
        for p in candidates:
            if same_file(p, model) or p.resolve() == model.resolve():
                raise UsageError(
                    f"{model}: the model would overwrite an input; corpusfix never modifies its "
                    "input (choose another -o)"
                )
            found.setdefault(p.resolve(), Source(p, p.stat().st_size))
    return [found[k] for k in sorted(found)]


def read_texts(
    source: Source, encoding: str | None, jsonl_field: str, max_bytes: int
) -> tuple[str, Iterator[str]]:
    """(sha256 of the bytes, the texts) of one input; a JSON Lines file gives its articles'
    ``jsonl_field``. Raises CorpusfixError (one line) for what cannot be read."""
    data = read_input(source.path, max_bytes)
    name = str(source.path)
    digest = sha256_hex(data)
    if source.path.suffix.lower() == ".jsonl":
        lines = parse_jsonl(data, jsonl_field, name)
        return digest, (line.text for line in lines if line.text is not None)
    return digest, iter([decode(data, encoding, name=name).text])
