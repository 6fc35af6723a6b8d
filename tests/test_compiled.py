"""The mypyc-compiled build (what wheels ship, setup.py) finds exactly what the .py files find.

mypyc compiles the same type-checked code, but it checks types at run time and treats some
constructs differently; a silent difference would change users' outputs. The build takes
~15 s, so it is made once for the module.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import REFERENCE, ROOT, SAMPLE, SHARED

# Damage of every kind the typo, variant and encoding checks look for, one per line.
LINES = [
    "厂里生产的特高压变庄器装备运往各地。",
    "要深入贯彻落会议精神，推动强企、强链、强具。",
    "我们要贯彻彻落实会议精神，实事求求是地工作。",
    "他分析了敌方动向，并转达了领到的讲话。",
    "这个国家的經濟发展很快，人民生活水平不断提高。",
    "鍏ㄥ浗浜烘皯浠ｈ〃澶т細在北京召开。",
]


def _can_compile() -> str | None:
    """Why the compiled build cannot be made here, or None."""
    try:
        import mypyc  # noqa: F401
    except ImportError:
        return "mypyc is not installed (pip install mypy)"
    if not (shutil.which("cc") or shutil.which("gcc") or shutil.which("cl")):
        return "no C compiler"
    include = sysconfig.get_paths()["include"]
    if not (Path(include) / "Python.h").is_file():
        return f"no Python headers in {include} (python3-dev)"
    return None


@pytest.fixture(scope="module")
def compiled_src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    why = _can_compile()
    if why:
        pytest.skip(f"cannot build the compiled variant: {why}")
    dest = tmp_path_factory.mktemp("compiled")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_compiled.py"), str(dest)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return Path(proc.stdout.strip())


def _run(src: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    else:
        env.pop("PYTHONPATH", None)
    return subprocess.run(
        [sys.executable, "-m", "corpusfix", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )


def _findings(src: Path | None, path: Path, *options: str) -> list[dict[str, object]]:
    proc = _run(src, "check", str(path), "--format", "json", *options)
    assert proc.returncode in (0, 1), proc.stderr
    found: list[dict[str, object]] = json.loads(proc.stdout)["suggestions"]
    return found


def test_the_version_says_which_build_runs(compiled_src: Path) -> None:
    assert "typo detector: compiled (mypyc)" in _run(compiled_src, "--version").stdout
    assert "typo detector: pure Python" in _run(None, "--version").stdout


def test_compiled_and_pure_python_find_the_same(compiled_src: Path, tmp_path: Path) -> None:
    lines = tmp_path / "lines.txt"
    lines.write_text("".join(line + "\n" for line in LINES), "utf-8")
    # The user's lists take other paths through the detector: a confusion pair always checked
    # (one character and two), a word never flagged.
    confusions, wordlist = tmp_path / "confusions.txt", tmp_path / "words.txt"
    confusions.write_text("按装\t安装\n具\t县\n", "utf-8")
    wordlist.write_text("变庄器\n", "utf-8")
    lists = ("--lines", "--confusions", str(confusions), "--wordlist", str(wordlist))
    (tmp_path / "lists.txt").write_text("".join(LINES) + "\n请按装好设备。\n", "utf-8")
    inputs: list[tuple[Path, tuple[str, ...]]] = [
        (SAMPLE, ()),
        (lines, ("--lines",)),
        (tmp_path / "lists.txt", lists),
    ]
    if (REFERENCE / "raw.txt").is_file():
        inputs.append((REFERENCE / "raw.txt", ()))
    news = SHARED / "data" / "news-homophone-dev"
    for tsv in sorted(news.glob("*.tsv"))[:1]:  # 1,000 sentences with real-word slips
        wrong = tmp_path / "news.txt"
        rows = tsv.read_text("utf-8").splitlines()
        wrong.write_text("".join(r.split("\t")[0] + "\n" for r in rows if "\t" in r), "utf-8")
        inputs.append((wrong, ("--lines",)))
    total = 0
    for path, options in inputs:
        pure = _findings(None, path, *options)
        assert pure == _findings(compiled_src, path, *options), path.name
        total += sum(1 for s in pure if s["kind"] in ("typo", "variant", "encoding"))
    # The inputs do exercise the compiled checks: the six damaged lines alone give findings.
    assert total >= len(LINES)


def _without_times(path: Path) -> object:
    """A change log's records without the moment each decision was taken."""
    if path.suffix != ".jsonl":
        return path.read_bytes()
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    for r in records:
        r.pop("at", None)
    return records


def test_compiled_and_pure_python_batch_the_same(compiled_src: Path, tmp_path: Path) -> None:
    """Batch adds the archive as evidence (compiled too): every output file is the same."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    sample = SAMPLE.read_text("utf-8")
    # Twelve files: enough for archive evidence collected by two processes, which sends the
    # compiled tallies between processes (pickled).
    for k, line in enumerate(LINES * 2):
        (inputs / f"article-{k}.txt").write_text(f"{line}\n\n{sample[k:]}", "utf-8")
    outputs = {}
    for label, src in (("pure", None), ("compiled", compiled_src)):
        out = tmp_path / label
        proc = _run(src, "batch", str(inputs), "-o", str(out), "--accept", "all", "--jobs", "2")
        assert proc.returncode in (0, 1), proc.stderr
        outputs[label] = {
            p.relative_to(out): _without_times(p)
            for p in sorted(out.rglob("*"))
            if p.is_file() and (p.suffix in (".txt", ".jsonl") or p.name.startswith("archive-"))
        }
    assert any(p.name.startswith("archive-") for p in outputs["pure"])
    assert len(outputs["pure"]) > 4 * len(LINES)
    assert outputs["pure"] == outputs["compiled"]


def test_compiled_archive_evidence_survives_pickling(compiled_src: Path) -> None:
    """Processes exchange these objects; a compiled frozen class must still unpickle."""
    code = (
        "import pickle\n"
        "from corpusfix.detectors.typos.archive import finish, tally\n"
        "t = tally(['特高压变压器装备', '变压器和变庄器', '变压器'])\n"
        "assert pickle.loads(pickle.dumps(t)) == t\n"
        "e = finish(t)\n"
        "assert pickle.loads(pickle.dumps(e)) == e and e.common('变压器') == 3\n"
    )
    env = {**os.environ, "PYTHONPATH": str(compiled_src)}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert proc.returncode == 0, proc.stderr


def test_compiled_modules_type_check_without_optional_packages() -> None:
    """A wheel is built in an isolated environment with only setuptools, wheel and mypy
    (pyproject's build-system): mypyc type-checks the compiled modules there with no numpy,
    kenlm or the like. `import numpy` without an ignore broke every release build in session 12
    ('Backend subprocess exited', PACKAGING=1) while the dev install, which has numpy, passed."""
    setup_py = (ROOT / "setup.py").read_text(encoding="utf-8")
    compiled = [line.strip().strip('",') for line in setup_py.splitlines() if '.py",' in line]
    assert compiled and all((ROOT / path).is_file() for path in compiled)
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-site-packages", "--no-incremental", *compiled],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
