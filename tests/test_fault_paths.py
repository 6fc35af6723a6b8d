"""Hostile output paths: no command may write over one of its inputs or one of its own outputs.

The regression tests reproduce issue 18's points 1-3; the property test at the end throws every
command at random spellings of the same few files (``.``, ``..``, symlinks, hard links, trailing
slashes) and checks each run either refuses with exit 2 and writes nothing, or leaves every input
and every other file as it was, writes distinct outputs and verifies.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from corpusfix.batch.inputs import discover
from corpusfix.cli.main import main
from corpusfix.core.errors import UsageError

# Commas between Chinese clauses: punctuation suggestions, found in milliseconds.
TEXT_A = "今年以来,全市经济稳中有进,工业生产平稳增长。\n\n第二段文字,也有逗号。\n"
TEXT_B = "第二篇文章,内容不多,但有问题。\n"
FAST = ("--only", "punctuation,whitespace", "--accept", "all")


def run(*args: object) -> tuple[int, str]:
    """The command line in-process (stdout dropped): exit code and stderr."""
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, err.getvalue()


Entry = tuple[str, bytes]


def tree(root: Path) -> dict[str, Entry]:
    """Every entry under ``root`` by its path: files by content, links by target, folders.

    SQLite's shared-memory index beside a batch's state (``state.sqlite-shm``), which any
    reader of the state creates, is not an output.
    """
    found: dict[str, Entry] = {}
    for folder, dirs, files in os.walk(root):  # does not descend into linked folders
        for name in dirs + files:
            p = Path(folder) / name
            if name.endswith(("sqlite-shm", "sqlite-wal")):
                continue
            if p.is_symlink():
                found[str(p)] = ("link", str(p.readlink()).encode())
            elif p.is_dir():
                found[str(p)] = ("dir", b"")
            elif p.is_fifo():  # reading one would block
                found[str(p)] = ("fifo", b"")
            else:
                found[str(p)] = ("file", p.read_bytes())
    return found


def assert_refused(code: int, err: str, before: dict[str, Entry], root: Path) -> None:
    assert code == 2, err
    assert err.startswith("corpusfix: error: ") and err.count("\n") == 1, err
    assert "internal error" not in err
    assert tree(root) == before


# ----- point 1: batch SRCs such as "." and ".." -----


def test_batch_with_dotdot_sources_writes_only_inside_outdir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's reproduction: `batch .. ../../other -o ../out` wrote beside src/notes.txt."""
    (tmp_path / "t" / "src" / "sub").mkdir(parents=True)
    (tmp_path / "t" / "other").mkdir()
    (tmp_path / "t" / "src" / "notes.txt").write_text(TEXT_A, "utf-8")
    (tmp_path / "t" / "other" / "b.txt").write_text(TEXT_B, "utf-8")
    before = tree(tmp_path)
    monkeypatch.chdir(tmp_path / "t" / "src" / "sub")
    code, err = run("batch", "..", "../../other", "-o", "../out", "--jobs", "1", *FAST)
    assert code == 0, err
    out = tmp_path / "t" / "src" / "out"
    after = tree(tmp_path)
    outside = {k: v for k, v in after.items() if not k.startswith(str(out))}
    assert outside == before  # inputs byte-identical, nothing new beside them
    assert (out / "src" / "notes.txt").read_text("utf-8") != TEXT_A  # the commas were fixed
    assert (out / "other" / "b.txt.changelog.jsonl").is_file()
    assert run("verify", out)[0] == 0


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        (".", "data"),
        ("..", "x"),
        ("../data", "data"),
        ("./", "data"),
        ("../data/", "data"),
        ("../data/sub/..", "data"),
        ("../linked", "linked"),  # a symlink keeps the name the user gave it
    ],
)
def test_batch_names_every_src_inside_outdir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str, name: str
) -> None:
    data = tmp_path / "x" / "data"
    (data / "sub").mkdir(parents=True)
    (data / "one.txt").write_text(TEXT_A, "utf-8")
    (tmp_path / "x" / "linked").symlink_to(data, target_is_directory=True)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "two.txt").write_text(TEXT_B, "utf-8")
    monkeypatch.chdir(data)
    out = tmp_path / "out"
    tasks = discover([spelling, str(tmp_path / "other")], out)
    rels = {t.rel for t in tasks}
    assert "other/two.txt" in rels
    assert all(r.split("/")[0] in (name, "other") for r in rels), rels
    for t in tasks:
        assert out.resolve() in (out / t.rel).resolve().parents


def test_batch_outputs_that_collide_with_each_other_are_refused_before_running(
    tmp_path: Path,
) -> None:
    """A folder holding a.txt and a.txt.report.html, both included: the report of the one is
    the other's text. (A change log, a.txt.changelog.jsonl, is no input since session 12.)"""
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(TEXT_A, "utf-8")
    (src / "a.txt.report.html").write_text("文字,文字。\n", "utf-8")
    (src / "_corpusfix").mkdir()
    before = tree(tmp_path)
    include = ("--include", "*.txt", "--include", "*.html")
    code, err = run("batch", src, "-o", tmp_path / "out", "--jobs", "1", *include, *FAST)
    assert_refused(code, err, before, tmp_path)
    assert "same file" in err
    (src / "a.txt.report.html").unlink()
    (src / "_corpusfix" / "x.txt").write_text(TEXT_B, "utf-8")
    before = tree(tmp_path)
    code, err = run("batch", src, "-o", tmp_path / "out", "--jobs", "1", *FAST)
    assert_refused(code, err, before, tmp_path)
    assert "state" in err


def test_batch_refuses_an_output_that_is_an_input_through_a_link(tmp_path: Path) -> None:
    """OUTDIR/a.txt hard-linked to the input, OUTDIR/sub a link to the inputs or elsewhere."""
    src, out = tmp_path / "src", tmp_path / "out"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(TEXT_A, "utf-8")
    (src / "sub" / "b.txt").write_text(TEXT_B, "utf-8")
    out.mkdir()

    def refused(reason: str) -> None:
        before = tree(tmp_path)
        code, err = run("batch", src, "-o", out, "--jobs", "1", *FAST)
        assert_refused(code, err, before, tmp_path)
        assert reason in err

    os.link(src / "a.txt", out / "a.txt")
    refused("is the input file")
    (out / "a.txt").unlink()
    (out / "sub").symlink_to(src / "sub", target_is_directory=True)
    refused("is the input file")
    (out / "sub").unlink()
    (tmp_path / "elsewhere").mkdir()
    (out / "sub").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    refused("outside the output folder")


# ----- point 2: review --diff (and every other output) never over an input -----


def _fixed(tmp_path: Path) -> tuple[Path, Path, Path]:
    src = tmp_path / "in.txt"
    src.write_text(TEXT_A, "utf-8")
    out = tmp_path / "out.txt"
    assert run("fix", src, "-o", out, *FAST)[0] == 0
    return src, out, tmp_path / "out.txt.changelog.jsonl"


def test_review_diff_refuses_the_original_the_clean_file_and_the_log(tmp_path: Path) -> None:
    src, out, log = _fixed(tmp_path)
    (tmp_path / "link.txt").symlink_to(src)
    os.link(log, tmp_path / "hard.jsonl")
    (tmp_path / "d").mkdir()
    for target in (
        src,  # the issue's `review out.txt --diff in.txt`
        out,
        log,
        tmp_path / "d" / ".." / "in.txt",
        tmp_path / "link.txt",
        tmp_path / "hard.jsonl",
    ):
        before = tree(tmp_path)
        code, err = run("review", out, "--diff", target)
        assert_refused(code, err, before, tmp_path)
        assert "never modifies its input" in err


def test_review_diff_refuses_any_file_of_a_batch(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(TEXT_A, "utf-8")
    assert run("batch", src, "-o", out, "--jobs", "1", *FAST)[0] == 0
    for target in (
        src / "a.txt",
        out / "a.txt",
        out / "a.txt.changelog.jsonl",
        out / "_corpusfix" / "summary.json",
        out / "changes.diff",  # a new file, but one that `verify OUTDIR` would reject
    ):
        before = tree(tmp_path)
        assert_refused(*run("review", out, "--diff", target), before, tmp_path)
    assert run("verify", out)[0] == 0
    # Originals that are the clean files themselves: saving a verdict would write over them.
    before = tree(tmp_path)
    code, err = run("review", out, "--originals", out, "--diff", tmp_path / "x.diff")
    assert_refused(code, err, before, tmp_path)
    assert run("review", out, "--diff", tmp_path / "x.diff")[0] == 0


def test_apply_and_lists_export_refuse_their_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, _, log = _fixed(tmp_path)
    for target in (src, log, tmp_path / "." / "out.txt.changelog.jsonl"):
        before = tree(tmp_path)
        assert_refused(*run("apply", src, log, "-o", target), before, tmp_path)
    config = tmp_path / "config"
    monkeypatch.setenv("CORPUSFIX_CONFIG_DIR", str(config))
    assert run("lists", "add", "words", "沙尔沁")[0] == 0
    (tmp_path / "words-link.txt").symlink_to(config / "wordlist.txt")
    for target in (config / "wordlist.txt", tmp_path / "words-link.txt"):
        before = tree(tmp_path)
        assert_refused(*run("lists", "export", "words", target), before, tmp_path)


def test_export_refuses_two_targets_on_one_file(tmp_path: Path) -> None:
    """The app's export dialog writes through write_outputs: the same engine check."""
    from corpusfix.api import Settings, open_document, start_session
    from corpusfix.export.writer import write_outputs

    src = tmp_path / "in.txt"
    src.write_text(TEXT_A, "utf-8")
    settings = Settings(only=frozenset({"punctuation"}))
    session = start_session(open_document(src, settings), settings)
    before = tree(tmp_path)
    for out, log in ((tmp_path / "x.txt", tmp_path / "x.txt"), (src, tmp_path / "l.jsonl")):
        with pytest.raises(UsageError) as exc:
            write_outputs(session, input_path=src, out=out, changelog=log)
        assert "\n" not in str(exc.value)
        assert tree(tmp_path) == before


# ----- point 3: fix with two outputs on one path -----


@pytest.mark.parametrize(
    "outputs",
    [
        ("-o", "x.txt", "--changelog", "x.txt"),
        ("-o", "y.txt", "--report", "y.txt"),
        ("-o", "z.txt", "--diff", "z.txt.changelog.jsonl"),  # the default log path
        ("-o", "z.txt", "--report", "r.html", "--diff", "./r.html"),
        ("-o", "d/x.txt", "--changelog", "d/sub/../x.txt"),
        ("-o", "d/x.txt", "--diff", "d"),  # a file where the other output's folder goes
        ("-o", "x.txt", "--changelog", "link.jsonl"),  # a link to the clean text
        ("-o", "x.txt", "--changelog", "existing"),  # a folder
    ],
)
def test_fix_refuses_two_outputs_on_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, outputs: tuple[str, ...]
) -> None:
    (tmp_path / "in.txt").write_text(TEXT_A, "utf-8")
    (tmp_path / "existing").mkdir()
    (tmp_path / "x.txt").write_text("旧的输出。\n", "utf-8")
    (tmp_path / "link.jsonl").symlink_to(tmp_path / "x.txt")
    monkeypatch.chdir(tmp_path)
    before = tree(tmp_path)
    assert_refused(*run("fix", "in.txt", *outputs, *FAST), before, tmp_path)


def test_fix_refuses_an_output_that_is_its_word_list(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text(TEXT_A, "utf-8")
    words = tmp_path / "words.txt"
    words.write_text("沙尔沁\n", "utf-8")
    before = tree(tmp_path)
    code, err = run("fix", src, "-o", tmp_path / "o.txt", "--report", words, "--wordlist", words)
    assert_refused(code, err, before, tmp_path)


def test_check_outputs_keeps_distinct_outputs(tmp_path: Path) -> None:
    """The check refuses aliases only: distinct paths pass, missing inputs are compared by path."""
    from corpusfix.core.files import check_outputs

    (tmp_path / "in.txt").write_text(TEXT_A, "utf-8")
    (tmp_path / "A").mkdir()
    check_outputs(
        [tmp_path / "a.txt", tmp_path / "A" / "a.txt", tmp_path / "new" / "b.txt"],
        [tmp_path / "in.txt", tmp_path / "missing.txt"],
        inside=tmp_path,
    )
    with pytest.raises(UsageError, match="outside the output folder"):
        check_outputs([tmp_path / ".." / "x.txt"], inside=tmp_path)
    with pytest.raises(UsageError, match="is the input file"):
        check_outputs([tmp_path / "missing.txt"], [tmp_path / "A" / ".." / "missing.txt"])


def test_check_outputs_on_a_file_system_that_ignores_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """macOS and Windows defaults: Out.txt and out.txt are one file even before either exists."""
    import corpusfix.core.files as files

    distinct = [tmp_path / "Out.txt", tmp_path / "out.txt"]
    files.check_outputs(distinct)  # this file system tells case apart
    monkeypatch.setattr(files, "_ignores_case", lambda folder: True)
    with pytest.raises(UsageError, match="same file"):
        files.check_outputs(distinct)


def test_batch_refuses_to_write_over_a_word_list_it_reads(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(TEXT_A, "utf-8")
    out.mkdir()
    (out / "a.txt.report.html").write_text("沙尔沁\n", "utf-8")  # the list, kept there
    before = tree(tmp_path)
    code, err = run(
        "batch", src, "-o", out, "--wordlist", out / "a.txt.report.html", "--jobs", "1", *FAST
    )
    assert_refused(code, err, before, tmp_path)
    assert "is the input file" in err


# ----- (a) the property: any aliasing spelling of inputs and outputs, for every command -----

# One small world (created afresh for each example, under w/ in a temporary folder):
#   in/a.txt  in/b.txt  in/sub/  in/link.txt -> a.txt  in/hard.txt (hard link of a.txt)
#   linkdir -> in   deep/up -> ../in/sub (so deep/up/.. is in/, not deep/)
#   prev/a.txt + prev/a.txt.changelog.jsonl (fix's outputs for in/a.txt)   empty/   linkout -> empty
TEXTS = ["in/a.txt", "./in/a.txt", "in/sub/../a.txt", "in//a.txt", "in/a.txt/", "in/link.txt"]
TEXTS += ["in/hard.txt", "linkdir/a.txt", "deep/up/../a.txt", "in/b.txt", "prev/a.txt"]
TEXTS += ["linkdir/../prev/a.txt"]  # linkdir/.. is w/, where prev/ is
PREV_LOG = ["prev/a.txt.changelog.jsonl", "./prev/a.txt.changelog.jsonl"]
NEW = ["empty/x.txt", "./empty/x.txt", "linkout/x.txt", "empty/x.txt.changelog.jsonl"]
NEW += ["empty/r.html", "linkout/r.html", "new/dir/x.txt", "new/dir/../x.txt", "in/new.txt"]
NEW += ["prev/new.txt", "deep/up/../new.txt", "empty/X.txt"]
FOLDERS = ["in", "in/", ".", "..", "empty", "linkout", "in/sub", "deep/up/.."]
# Half of the draws are fresh paths, so that runs that must succeed are common too.
ANY = st.sampled_from(NEW) | st.sampled_from(TEXTS + PREV_LOG + NEW + FOLDERS)
MAYBE = st.none() | ANY
SRCS = st.sampled_from(["in", "in/", "linkdir", "in/sub/..", "deep/up/..", "in/a.txt", "in/b.txt"])
SRCS |= st.sampled_from([".", "..", "in/link.txt", "in/hard.txt", "prev", "empty", "in/sub/.."])
OUTDIRS = st.sampled_from(["bout", "./bout/", "in/bout", "linkdir/bout", "empty", "linkout"])
OUTDIRS |= st.sampled_from([".", "..", "in", "in/", "in/sub", "deep/up/..", "in/a.txt", "bout"])
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextlib.contextmanager
def world() -> Iterator[Path]:
    """Build the world, chdir into it for the command, yield its real base folder."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp).resolve()
        w = base / "w"
        (w / "in" / "sub").mkdir(parents=True)
        (w / "in" / "a.txt").write_text(TEXT_A, "utf-8")
        (w / "in" / "b.txt").write_text(TEXT_B, "utf-8")
        (w / "in" / "link.txt").symlink_to("a.txt")
        os.link(w / "in" / "a.txt", w / "in" / "hard.txt")
        (w / "linkdir").symlink_to("in", target_is_directory=True)
        (w / "deep").mkdir()
        (w / "deep" / "up").symlink_to("../in/sub", target_is_directory=True)
        (w / "empty").mkdir()
        (w / "linkout").symlink_to("empty", target_is_directory=True)
        assert run("fix", w / "in" / "a.txt", "-o", w / "prev" / "a.txt", *FAST)[0] == 0
        cwd = Path.cwd()
        os.chdir(w)
        try:
            yield base
        finally:
            os.chdir(cwd)


def written_at(spelling: str) -> str:
    """Where a write of ``spelling`` lands: the real folder plus the name (a link is replaced)."""
    p = Path(spelling).absolute()
    return str(p.parent.resolve() / p.name)


def check_run(
    base: Path,
    before: dict[str, Entry],
    code: int,
    err: str,
    inputs: list[str],
    outputs: list[str],
    outdir: str | None = None,
) -> None:
    """Refused and nothing written, or done with nothing but the outputs written."""
    after = tree(base)
    event(f"exit {code}")  # both refusals and successes must occur (--hypothesis-show-statistics)
    if code == 2:
        assert "internal error" not in err and err.count("\n") == 1, err
        assert after == before, err
        return
    assert code == 0, err
    targets = [written_at(o) for o in outputs]
    assert len(set(targets)) == len(targets), outputs  # every output distinct
    real_inputs = {str(Path(i).resolve()) for i in inputs}
    assert not real_inputs & set(targets), (inputs, outputs)
    for t in targets:
        assert after[t][0] == "file"
    root = str(Path(outdir).resolve()) + os.sep if outdir is not None else None
    for key in before.keys() | after.keys():
        if key in targets or (root is not None and key.startswith(root)):
            continue
        if key not in before and after[key][0] == "dir":
            continue  # a folder made to hold an output
        assert after.get(key) == before.get(key), (key, err)
    for i in real_inputs & before.keys():  # ("..", an input of batch, is above the world)
        assert after[i] == before[i]


@PROPERTY
@given(file=st.sampled_from(TEXTS), out=ANY, log=MAYBE, report=MAYBE, diff=MAYBE)
def test_fix_never_writes_over_its_inputs_or_itself(
    file: str, out: str, log: str | None, report: str | None, diff: str | None
) -> None:
    options = [("--changelog", log), ("--report", report), ("--diff", diff)]
    args = [x for option, value in options if value for x in (option, value)]
    with world() as base:
        before = tree(base)
        code, err = run("fix", file, "-o", out, *args, *FAST)
        log_path = log or str(Path(out)) + ".changelog.jsonl"
        outputs = [p for p in (out, log_path, report, diff) if p]
        check_run(base, before, code, err, [file], outputs)
        if code == 0:
            assert run("verify", file, out, log_path)[0] == 0


@PROPERTY
@given(original=st.sampled_from(TEXTS), log=st.sampled_from(PREV_LOG), out=ANY)
def test_apply_never_writes_over_its_inputs(original: str, log: str, out: str) -> None:
    with world() as base:
        before = tree(base)
        code, err = run("apply", original, log, "-o", out)
        check_run(base, before, code, err, [original, log], [out])
        if code == 0:
            assert run("verify", original, out, log)[0] == 0


@PROPERTY
@given(clean=st.sampled_from(["prev/a.txt", "./prev/a.txt", *PREV_LOG]), diff=ANY)
def test_review_diff_never_writes_over_the_review(clean: str, diff: str) -> None:
    with world() as base:
        before = tree(base)
        code, err = run("review", clean, "--diff", diff)
        reviewed = ["in/a.txt", "prev/a.txt", "prev/a.txt.changelog.jsonl"]
        check_run(base, before, code, err, reviewed, [diff])
        assert run("verify", *reviewed)[0] == 0


@PROPERTY
@given(sources=st.lists(SRCS, min_size=1, max_size=2), outdir=OUTDIRS)
@example(sources=["."], outdir="in")  # OUTDIR inside SRC, holding the user's files
@example(sources=["prev"], outdir="bout")  # a fix result: its change log is no input
def test_batch_writes_only_inside_outdir(sources: list[str], outdir: str) -> None:
    with world() as base:
        before = tree(base)
        code, err = run("batch", *sources, "-o", outdir, "--jobs", "1", *FAST)
        check_run(base, before, code, err, sources, [], outdir)
        if code == 0:
            # Files that were in OUTDIR before (OUTDIR inside SRC: `batch . -o in`, since
            # session 12 no longer masked by a change log among the inputs) are extra, the
            # run's own outputs intact.
            root = Path(outdir).resolve()
            had = [k for k, v in before.items() if v[0] != "dir" and root in Path(k).parents]
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                verified = main(["verify", outdir])
            problems = out.getvalue().splitlines()
            assert verified == (1 if had else 0), problems
            assert all(p.endswith("extra file not produced by this run") for p in problems)
            assert len(problems) == len(had), (problems, had)


@PROPERTY
@given(file=st.sampled_from(TEXTS), out=ANY, log=ANY, report=MAYBE)
def test_app_export_never_writes_over_its_input(
    file: str, out: str, log: str, report: str | None
) -> None:
    """What the export dialog does (write_outputs), without the widgets."""
    from corpusfix.api import Settings, open_document, start_session
    from corpusfix.core.errors import CorpusfixError
    from corpusfix.export.writer import write_outputs

    with world() as base:
        settings = Settings(only=frozenset({"punctuation", "whitespace"}))
        session = start_session(open_document(Path(file), settings), settings)
        session.accept_all()
        before = tree(base)
        try:
            write_outputs(
                session,
                input_path=Path(file),
                out=Path(out),
                changelog=Path(log),
                report=Path(report) if report else None,
            )
            code, err = 0, ""
        except CorpusfixError as exc:
            code, err = 2, f"{exc}\n"
        check_run(base, before, code, err, [file], [p for p in (out, log, report) if p])
        if code == 0:
            assert run("verify", file, out, log)[0] == 0


# ----- a folder given where a file is meant -----


@pytest.mark.parametrize("spelling", [".", "..", "out/", "out/.", "sub/..", "./"])
def test_file_outputs_that_name_a_folder_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    """`fix a.txt -o .` was an internal error, and `-o out/` wrote a file called `out`."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT_A, encoding="utf-8")
    assert run("fix", "in/a.txt", "-o", "ok.txt", *FAST)[0] == 0
    log = tmp_path / "ok.txt.changelog.jsonl"
    commands = [
        ("fix", "in/a.txt", "-o", spelling, *FAST),
        ("fix", "in/a.txt", "-o", "x.txt", "--changelog", spelling, *FAST),
        ("fix", "in/a.txt", "-o", "x.txt", "--report", spelling, *FAST),
        ("fix", "in/a.txt", "-o", "x.txt", "--diff", spelling, *FAST),
        ("apply", "in/a.txt", log, "-o", spelling),
        ("lm", "build", "in", "-o", spelling),
    ]
    for command in commands:
        before = tree(tmp_path)
        code, err = run(*command)
        assert_refused(code, err, before, tmp_path)
        assert "folder" in err, err


# ----- session 12 (h-attack): names too long, outputs that are no regular file -----

LONG = "长" * 90  # 270 bytes in UTF-8: over NAME_MAX (255) on every common file system


def test_a_name_too_long_is_one_line_error_in_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check d/<270-byte name>` was 'internal error: OSError: File name too long' (pathlib's
    is_dir/exists raise ENAMETOOLONG), as were `corpusfix NAME`, `batch NAME` and `batch -o NAME`."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(TEXT_A, encoding="utf-8")
    assert run("fix", "a.txt", "-o", "ok.txt", "--changelog", "a.log", *FAST)[0] == 0
    commands = [
        ("check", f"{LONG}.txt", "--only", "punctuation"),
        ("fix", f"{LONG}.txt", "-o", "x.txt", *FAST),
        (f"{LONG}.txt",),
        ("batch", f"{LONG}.txt", "-o", "out", *FAST),
        ("batch", "a.txt", "-o", f"{LONG}", *FAST),
        ("apply", f"{LONG}.txt", "a.log", "-o", "y.txt"),
    ]
    for command in commands:
        before = tree(tmp_path)
        code, err = run(*command)
        assert code == 2, (command, err)
        assert "internal error" not in err and err.count("\n") == 1, (command, err)
        assert "too long" in err or "invalid choice" in err, (command, err)  # as a missing file
        assert tree(tmp_path) == before


def test_check_goes_on_after_a_name_too_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(TEXT_A, encoding="utf-8")
    err = io.StringIO()
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", f"{LONG}.txt", "a.txt", "--only", "punctuation", "--format", "json"])
    assert code == 2
    assert "too long" in err.getvalue() and "internal error" not in err.getvalue()
    assert "a.txt" in out.getvalue()  # the other file is still reported


def test_an_output_that_is_no_regular_file_is_refused(tmp_path: Path) -> None:
    """`fix a.txt -o /dev/null` (as root) renamed a regular file over the device node; `-o
    FIFO` replaced the FIFO, `-o LINK` to a device replaced the link (`/dev/stdout`)."""
    (tmp_path / "a.txt").write_text(TEXT_A, encoding="utf-8")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    log = tmp_path / "ok.log"
    a = tmp_path / "a.txt"
    assert run("fix", a, "-o", tmp_path / "ok.txt", "--changelog", log, *FAST)[0] == 0
    for target in (fifo, link):
        commands = [
            ("fix", a, "-o", target, *FAST),
            ("fix", a, "-o", tmp_path / "x.txt", "--changelog", target, *FAST),
            ("fix", a, "-o", tmp_path / "x.txt", "--report", target, *FAST),
            ("apply", a, log, "-o", target),
        ]
        for command in commands:
            before = tree(tmp_path)
            code, err = run(*command)
            assert_refused(code, err, before, tmp_path)
            assert "not a regular file" in err, err
    assert fifo.is_fifo() and link.is_symlink()


def test_write_set_refuses_a_target_that_became_a_fifo(tmp_path: Path) -> None:
    """The check before the analysis can be overtaken: the write itself refuses too."""
    from corpusfix.core.errors import CorpusfixError
    from corpusfix.core.files import write_set

    fifo = tmp_path / "out.txt"
    os.mkfifo(fifo)
    with pytest.raises(CorpusfixError, match="not a regular file"):
        write_set([(fifo, b"x"), (tmp_path / "out.log", b"y")])
    assert fifo.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_an_output_under_a_file_is_refused_before_the_analysis(tmp_path: Path) -> None:
    """`fix a.txt -o a.txt/x.txt` ran the whole analysis, then said 'cannot write (File
    exists)': the folder it needs is a file. Now one line naming that file, before any work."""
    (tmp_path / "a.txt").write_text(TEXT_A, encoding="utf-8")
    a = tmp_path / "a.txt"
    assert (
        run("fix", a, "-o", tmp_path / "ok.txt", "--changelog", tmp_path / "ok.log", *FAST)[0] == 0
    )
    commands = [
        ("fix", a, "-o", a / "x.txt", *FAST),
        ("fix", a, "-o", tmp_path / "ok.txt" / "deeper" / "x.txt", *FAST),
        ("fix", a, "-o", tmp_path / "x.txt", "--report", tmp_path / "ok.log" / "r.html", *FAST),
        ("apply", a, tmp_path / "ok.log", "-o", a / "y.txt"),
    ]
    for command in commands:
        before = tree(tmp_path)
        code, err = run(*command)
        assert_refused(code, err, before, tmp_path)
        assert "is a file, not a folder" in err, err


def test_an_output_name_too_long_is_refused_before_the_analysis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`fix a.txt -o <240-byte name>`: the change log's name (+ `.changelog.jsonl`) is over
    NAME_MAX; that was found only at the write, after the whole analysis (session 12, noticed)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(TEXT_A, encoding="utf-8")
    long_out = "长" * 80 + ".txt"  # 244 bytes: the file itself fits, its change log does not
    analysed: list[object] = []
    import corpusfix.cli.fix as fix_module

    real_open = fix_module.open_document
    monkeypatch.setattr(
        fix_module, "open_document", lambda *a, **k: analysed.append(a) or real_open(*a, **k)
    )
    for command in [
        ("fix", "a.txt", "-o", long_out, *FAST),
        ("fix", "a.txt", "-o", "ok.txt", "--report", f"{LONG}.html", *FAST),
    ]:
        before = tree(tmp_path)
        code, err = run(*command)
        assert code == 2 and err.count("\n") == 1 and "too long" in err, (command, err)
        assert "internal error" not in err, err
        assert tree(tmp_path) == before
    assert analysed == []
