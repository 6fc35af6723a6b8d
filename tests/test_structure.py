"""The structure every module relies on: one registry of kinds, the detector contract, one parser
of kinds and thresholds, and errors where the engine keeps them (issue 18)."""

from __future__ import annotations

import argparse
import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from corpusfix.api import Settings, suggest
from corpusfix.batch.policy import load_policy
from corpusfix.cli.parser import build_parser
from corpusfix.core.document import Document, build_document
from corpusfix.core.errors import UsageError
from corpusfix.core.suggestion import Draft, Suggestion
from corpusfix.detectors.context import DetectContext
from corpusfix.detectors.pipeline import analyze
from corpusfix.detectors.registry import DETECTORS
from tests.conftest import ROOT, SHARED, Result

HEAD = "增强创新活力 铸就科技强市新篇章\n\n——访某市科学技术局局长张三\n\n●本报记者 李四\n\n"
# A typo next to a column break: until the break is joined, that text is not what it seems.
TYPO_AT_BREAK = HEAD + "二是加快建设特高压变庄器\n\n装备制造基地，推动产业升级。"
# A headline glued onto the body, with a typo in the headline.
TYPO_IN_GLUED_HEADLINE = (
    HEAD + "全市将大力发展新能源产业，提供更加舒适、便捷的生活环境。变庄器产业链 推动产业升级\n\n"
    "本报讯 今年以来，全市新能源汽车产销持续增长。"
)
# Damage of many kinds at once: each kind alone must be found as in the full run.
MIXED = [
    TYPO_AT_BREAK,
    TYPO_IN_GLUED_HEADLINE,
    HEAD
    + "二是高标准建设创新平台。创建呼\n\n包鄂国家自主创新示范区核心区（下转第3版）\n\n推进项目建设。",
    HEAD + "今年将从三个方面推进工作。一是集中财力。三是兜牢底线\n\n"
    "2025年，首府将按照精准治\n\n2025年，首府将按照精准治理的要求,推进 工作。",
    "厂里生产的特高压变庄器装备运往各地。\n这个国家的經濟发展很快，人民生活水平不断提高。\n"
    "鍏ㄥ浗浜烘皯浠ｈ〃澶т細在北京召开。\n会议指出,要推进 工作\u200b。\n",
]


def _key(s: Suggestion) -> tuple[object, ...]:
    return (s.kind, s.detector, s.start, s.end, s.replacement, s.confidence, s.message)


def _typos(cli: Callable[..., Result], path: Path, *only: str) -> list[dict[str, object]]:
    r = cli("check", path, "--format", "json", *only)
    assert r.code in (0, 1), r.err
    return [s for s in json.loads(r.out)["suggestions"] if s["kind"] == "typo"]


def cli_help(command: str) -> str:
    """The --help text of one command."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return str(sub.choices[command].format_help())


# ----- the detector contract -----


@pytest.mark.parametrize("text", [TYPO_AT_BREAK, TYPO_IN_GLUED_HEADLINE], ids=["break", "headline"])
def test_only_typo_keeps_the_layout_gating(cli, tmp_path: Path, text: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    full = json.loads(cli("check", path, "--format", "json").out)["suggestions"]
    assert {"merge", "split"} & {s["kind"] for s in full}  # the layout finding that gates
    only = _typos(cli, path, "--only", "typo")
    strip = [{k: v for k, v in s.items() if k != "id"} for s in only]
    assert strip == [{k: v for k, v in s.items() if k != "id"} for s in full if s["kind"] == "typo"]
    assert not any("庄" in json.dumps(s, ensure_ascii=False) for s in only)


@pytest.mark.parametrize("text", MIXED, ids=[f"text{i}" for i in range(len(MIXED))])
def test_each_kind_alone_is_found_as_in_the_full_run(text: str) -> None:
    doc = build_document(text, name="t")
    full = suggest(doc)
    kinds = {d_kind for det in DETECTORS.values() for d_kind in det.kinds}
    assert all(s.kind in DETECTORS[s.detector].kinds for s in full)  # as declared
    for kind in sorted(kinds):
        alone = suggest(doc, Settings(only=frozenset({kind})))
        assert [_key(s) for s in alone] == [_key(s) for s in full if s.kind == kind], kind


def test_every_detector_declares_its_whole_contract() -> None:
    for det in DETECTORS.values():
        declared = {a for cls in type(det).__mro__ for a in vars(cls)}
        for attr in ("id", "kinds", "order", "requires", "needs_context", "slow", "needs_model"):
            assert attr in declared, f"{det.id} does not declare {attr}"
        for dep in det.requires:
            assert dep in DETECTORS, f"{det.id} requires an unknown detector {dep}"
            assert DETECTORS[dep].order < det.order, f"{det.id} runs before {dep}"


def test_the_typo_detector_requires_every_detector_of_the_kinds_it_gates_on() -> None:
    from corpusfix.detectors.typos.detector import LAYOUT_GATES

    typo = DETECTORS["typo.lexicon-lm"]
    for det in DETECTORS.values():
        if det.kinds & set(LAYOUT_GATES):
            assert det.id in typo.requires, det.id


class _Spy:
    """A detector that records which findings it was shown."""

    id = "test.spy"
    kinds = frozenset({"typo"})
    order = 99
    requires: tuple[str, ...] = ("layout.merge",)
    needs_context = False
    slow = False
    needs_model = False

    def __init__(self) -> None:
        self.seen: list[set[str]] = []

    def detect(self, doc: Document, ctx: DetectContext) -> Iterable[Draft]:
        self.seen.append(set(ctx.found))
        return ()


def test_a_detector_sees_the_findings_it_requires_and_no_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spy = _Spy()
    monkeypatch.setitem(DETECTORS, spy.id, spy)
    doc = build_document(MIXED[2], name="t")
    analyze(doc)
    analyze(doc, only=frozenset({"typo"}))
    assert spy.seen == [{"layout.merge"}, {"layout.merge"}]


def test_a_switched_off_detector_never_runs_even_when_required(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spy = _Spy()
    monkeypatch.setitem(DETECTORS, spy.id, spy)
    analyze(build_document(MIXED[2], name="t"), disabled=("layout.merge",))
    assert spy.seen == [set()]


# ----- one registry of kinds -----


def test_every_list_of_kinds_agrees_with_the_registry() -> None:
    from corpusfix.core import kinds, suggestion
    from corpusfix.detectors import pipeline

    assert len(set(kinds.ALL_KINDS)) == len(kinds.ALL_KINDS)
    assert suggestion.KINDS == kinds.DETECTED_KINDS
    assert suggestion.FLAG_ONLY_KINDS == kinds.FLAG_ONLY_KINDS == {"truncation"}
    assert set(pipeline._KIND_RANK) == set(kinds.ALL_KINDS)
    emitted = {k for det in DETECTORS.values() for k in det.kinds}
    assert emitted == set(kinds.DETECTED_KINDS)
    assert kinds.MANUAL in kinds.ALL_KINDS and kinds.MANUAL not in kinds.DETECTED_KINDS


# Where the code names kinds: Draft(kind="x"), kinds = frozenset({...}), s.kind == "x", kind in (...).
_KIND_NAMES = re.compile(
    r'\bkind="([a-z]+)"|kind [!=]= "([a-z]+)"|kind (?:not )?in \(([^)]*)\)'
    r"|kinds = frozenset\(\{([^}]*)\}\)|LAYOUT_GATES = \(([^)]*)\)"
)


def test_every_kind_named_in_the_code_is_in_the_registry() -> None:
    from corpusfix.core.kinds import ALL_KINDS

    named: dict[str, set[str]] = {}
    for path in sorted((ROOT / "src" / "corpusfix").rglob("*.py")):
        for m in _KIND_NAMES.finditer(path.read_text(encoding="utf-8")):
            for group in filter(None, m.groups()):
                for name in re.findall(r'"([a-z]+)"', group) or [group]:
                    named.setdefault(name, set()).add(path.name)
    assert {"merge", "typo", "encoding"} <= set(named)  # the scan sees the detectors
    assert not {k: v for k, v in named.items() if k not in ALL_KINDS}


def test_the_app_colours_and_explains_every_kind() -> None:
    pytest.importorskip("PySide6")
    from corpusfix.core.kinds import ALL_KINDS
    from corpusfix.gui.colors import KIND_COLORS
    from corpusfix.gui.detail_pane import KIND_EXPLANATIONS

    assert tuple(KIND_COLORS) == ALL_KINDS
    assert tuple(KIND_EXPLANATIONS) == ALL_KINDS
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in KIND_COLORS.values())
    assert len(set(KIND_COLORS.values())) == len(KIND_COLORS)  # every kind tells apart
    assert all(KIND_EXPLANATIONS.values())


def test_the_spec_table_lists_the_detected_kinds() -> None:
    from corpusfix.core.kinds import DETECTED_KINDS

    spec = SHARED / "SPEC.md"
    if not spec.is_file():
        pytest.skip(f"{spec} not found (../shared is absent)")
    section = spec.read_text(encoding="utf-8").split("## The damage it must find (kinds)")[1]
    table = section.split("\n\n")[1]
    assert tuple(re.findall(r"^\| `([a-z]+)` \|", table, re.M)) == DETECTED_KINDS


def test_the_formats_doc_lists_every_kind() -> None:
    from corpusfix.core.kinds import DETECTED_KINDS, MANUAL

    doc = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    section = doc.split("## Kinds")[1].split("\n## ")[0]
    found = re.search(r"Found by detectors: ((?:`[a-z]+`,\s+)+`[a-z]+`)\.", section)
    assert found, "docs/formats.md: no list of the detected kinds"
    assert tuple(re.findall(r"`([a-z]+)`", found.group(1))) == DETECTED_KINDS
    assert f"\n- `{MANUAL}`: " in section


def test_every_detected_kind_is_taken_by_every_option(cli, tmp_path: Path) -> None:
    from corpusfix.core.kinds import DETECTED_KINDS

    src = tmp_path / "a.txt"
    src.write_text("一段文字，没有问题。\n", encoding="utf-8")
    help_text = build_parser().format_help() + cli_help("fix") + cli_help("batch")
    policy = tmp_path / "p.toml"
    for kind in DETECTED_KINDS:
        assert kind in help_text
        assert cli("check", src, "--only", kind).code == 0
        out = tmp_path / f"{kind}.txt"
        assert cli("fix", src, "-o", out, "--accept", kind, "--only", kind).code == 0
        policy.write_text(f'accept = ["{kind}"]\n[min_confidence_by_kind]\n{kind} = 0.5\n')
        assert load_policy(str(policy), None, None).accept == {kind}
    everything = frozenset(DETECTED_KINDS)
    assert load_policy(None, "all", None).accept == everything
    policy.write_text('accept = ["all"]\n')
    assert load_policy(str(policy), None, None).accept == everything


def test_manual_edits_are_no_kind_to_detect_or_accept(cli, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("一段文字，没有问题。\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    for args in (
        ("check", src, "--only", "manual"),
        ("fix", src, "-o", out, "--accept", "manual"),
        ("fix", src, "-o", out, "--accept", "merge,manual"),
        ("batch", src, "-o", tmp_path / "batch", "--accept", "manual"),
    ):
        r = cli(*args)
        assert r.code == 2 and r.err.count("\n") == 1 and "'manual'" in r.err, r.err
    assert not out.exists() and not (tmp_path / "batch").exists()
    policy = tmp_path / "p.toml"
    for body in ('accept = ["manual"]\n', "[min_confidence_by_kind]\nmanual = 0.5\n"):
        policy.write_text(body)
        with pytest.raises(UsageError, match="'manual'"):
            load_policy(str(policy), None, None)


# ----- one parser of kinds and thresholds (points 15 and 13) -----


def _command(name: str, src: Path, tmp_path: Path) -> list[object]:
    return {
        "check": ["check", src],
        "fix": ["fix", src, "-o", tmp_path / "fix.txt"],
        "batch": ["batch", src, "-o", tmp_path / "batch"],
    }[name]


@pytest.mark.parametrize("value", ["5", "-0.1", "1.01", "nan", "inf"])
def test_every_command_refuses_the_same_min_confidence_alike(
    cli, tmp_path: Path, value: str
) -> None:
    src = tmp_path / "a.txt"
    src.write_text("一段文字,没有问题。\n", encoding="utf-8")
    errors = set()
    for name in ("check", "fix", "batch"):
        r = cli(*_command(name, src, tmp_path), "--min-confidence", value)
        assert r.code == 2 and r.out == "" and r.err.count("\n") == 1, (name, r)
        assert "internal error" not in r.err and "--min-confidence" in r.err
        errors.add(r.err)
    assert len(errors) == 1, errors  # one message, whichever command
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_every_command_refuses_an_unknown_kind_alike(cli, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("一段文字，没有问题。\n", encoding="utf-8")
    accept = {
        cli(*_command(name, src, tmp_path), "--accept", "merge,nonsense").err
        for name in ("fix", "batch")
    }
    only = {
        cli(*_command(name, src, tmp_path), "--only", "nonsense").err
        for name in ("check", "fix", "batch")
    }
    assert len(accept) == 1 and len(only) == 1
    assert accept.pop().replace("--accept", "--only") == only.pop()


def test_a_policy_threshold_is_checked_like_the_option(tmp_path: Path) -> None:
    policy = tmp_path / "p.toml"
    for value, shown in (("5", "5"), ("true", "True"), ('"0.9"', "'0.9'"), ("nan", "nan")):
        policy.write_text(f"min_confidence = {value}\n")
        with pytest.raises(UsageError) as exc:
            load_policy(str(policy), None, None)
        assert (
            str(exc.value)
            == f"{policy}: min_confidence must be a number between 0 and 1, not {shown}"
        )
    with pytest.raises(UsageError) as opt:
        load_policy(None, None, 5.0)
    assert str(opt.value) == "--min-confidence must be a number between 0 and 1, not 5.0"


def _bad_policies(tmp_path: Path) -> dict[str, Path]:
    files = {
        "a folder": tmp_path / "policy-dir",
        "missing": tmp_path / "nope.toml",
        "not TOML": tmp_path / "broken.toml",
        "not UTF-8": tmp_path / "gbk.toml",
        "table is a number": tmp_path / "by-kind.toml",
        "accept is a table": tmp_path / "accept.toml",
        "kind is a number": tmp_path / "accept-number.toml",
        "unknown key": tmp_path / "key.toml",
    }
    files["a folder"].mkdir()
    files["not TOML"].write_text("accept = [\n")
    files["not UTF-8"].write_bytes('accept = ["合并"]\n'.encode("gbk"))
    files["table is a number"].write_text("min_confidence_by_kind = 5\n")
    files["accept is a table"].write_text("[accept]\nmerge = 1\n")
    files["kind is a number"].write_text("accept = [1]\n")
    files["unknown key"].write_text("acept = []\n")
    if hasattr(os, "mkfifo"):
        files["a FIFO"] = tmp_path / "fifo.toml"
        os.mkfifo(files["a FIFO"])
    return files


def test_a_bad_policy_is_one_line_exit_2(cli, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("一段文字，没有问题。\n", encoding="utf-8")
    for what, policy in _bad_policies(tmp_path).items():
        out = tmp_path / "out"
        r = cli("batch", src, "-o", out, "--policy", policy)
        assert r.code == 2 and r.err.count("\n") == 1, (what, r.err)
        assert r.err.startswith(f"corpusfix: error: {policy}: "), (what, r.err)
        assert "internal error" not in r.err and "Traceback" not in r.err, (what, r.err)
        assert not out.exists(), what


# ----- errors live in core/errors.py -----


def test_the_model_error_is_an_engine_error() -> None:
    from corpusfix.core import errors
    from corpusfix.detectors.typos import lm, model_file

    assert issubclass(errors.ModelError, errors.CorpusfixError)
    assert model_file.ModelError is errors.ModelError and lm.ModelError is errors.ModelError
    with pytest.raises(errors.ModelError):
        model_file.open_model(Path("/nonexistent/model.bin"), _refuse)


def _refuse(path: str | bytes) -> object:
    raise OSError("cannot open")


def test_the_app_takes_the_model_error_from_core() -> None:
    pytest.importorskip("PySide6")
    from corpusfix.core.errors import ModelError
    from corpusfix.gui import workers

    assert workers.ModelError is ModelError
    source = (ROOT / "src" / "corpusfix" / "gui").glob("*.py")
    assert not [p.name for p in source if "typos.model_file import" in p.read_text("utf-8")]
