"""Line repair: text with one printed line per line (pdftotext, a viewer's copy, OCR).

The pages here are typeset by a small justified-column filler (first-line indent dropped, as
pdftotext drops it), so each test knows the source paragraphs and checks that the repaired text
gives them back exactly - not a hard-coded answer.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from corpusfix.api import Settings, suggest
from corpusfix.core.document import build_document
from corpusfix.core.session import apply_edits
from corpusfix.core.suggestion import Suggestion
from corpusfix.detectors.layout.line_roles import is_furniture_line, is_running_head

LAYOUT = frozenset({"merge", "duplicate", "truncation", "split", "furniture"})
NO_LINE_START = set("，。、；：？！）”》")

P1 = (
    "本报讯日前，广西玉林500千伏超高压变电站建成投入运行。八桂大地已建起5座500千伏超高压变电站，"
    "总容量375万千伏安。超高压交直流输电线路形成“四边形”环网结构，总长2700多公里，居全国第一。"
)
P2 = (
    "国家统计局和人事部近日联合召开全国统计系统表彰大会，授予刘力等35名同志“全国统计系统先进工作者”"
    "的荣誉称号。国家统计局局长说，今年要进一步改革统计制度方法。"
)
P3 = "截至目前，列入重点考核的工业污染企业，已有多家实现达标排放，达标率为99％。"
P4 = (
    "近年来，衡水将“三下乡”作为事关农村工作全局的大事来抓，采用各种措施，引导“三下乡”向纵深发展，"
    "变“三下乡”为“三扎根”。他们的具体做法是建立长效机制，把科技人员先分配给农村。"
)


def cells(ch: str) -> float:
    return 0.5 if ord(ch) < 256 else 1.0


def typeset(paragraph: str, width: int, indent: bool = True) -> list[str]:
    """Justified column lines: the first one indent short; digits and Latin never broken; a line
    never starts with closing punctuation (the character before it moves down with it)."""
    tokens = re.findall(r"[A-Za-z0-9.％%]+|.", paragraph)
    lines: list[str] = []
    cur: list[str] = []
    room = width - (2 if indent else 0)
    used = 0.0
    for tok in tokens:
        w = sum(cells(c) for c in tok)
        if used + w > room and cur:
            if tok[0] in NO_LINE_START:
                moved = cur.pop()
                lines.append("".join(cur))
                cur, used = [moved], sum(cells(c) for c in moved)
            else:
                lines.append("".join(cur))
                cur, used = [], 0.0
            room = width
        cur.append(tok)
        used += w
    lines.append("".join(cur))
    return lines


def page(*blocks: list[str]) -> str:
    """pdftotext's shape: lines, with blank lines only between text blocks. One block is cut in
    two columns (a page always has several blocks, so the file is in blank-line mode)."""
    if len(blocks) == 1:
        half = len(blocks[0]) // 2
        blocks = (blocks[0][:half], blocks[0][half:])
    return "\n\n".join("\n".join(b) for b in blocks) + "\n"


def found(text: str, kinds: frozenset[str] = LAYOUT) -> list[Suggestion]:
    return suggest(build_document(text), Settings(only=kinds))


def repaired(text: str, kinds: frozenset[str] = LAYOUT, min_conf: float = 0.8) -> str:
    edits = [
        (s.start, s.end, s.replacement)
        for s in found(text, kinds)
        if s.replacement is not None and s.confidence >= min_conf
    ]
    return apply_edits(text, edits)


def paras(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n[ \t\u3000]*\n", text) if p.strip()]


def test_filler_has_the_pdftotext_shape() -> None:
    lines = typeset(P1, 16)
    assert len(lines) > 4 and len(lines[0]) < len(lines[1])


def test_every_break_in_a_block_is_decided_and_the_paragraphs_come_back() -> None:
    block = [ln for p in (P1, P2, P3, P4) for ln in typeset(p, 16)]
    text = page(block)
    got = found(text)
    breaks = len(block) - 1
    assert len(got) == breaks  # one decision per line break, nothing else
    assert {s.kind for s in got} == {"merge", "split"}
    for s in got:
        assert text[s.start : s.end] in ("\n", "\n\n")  # "\n\n": the column break
        assert s.replacement == ("" if s.kind == "merge" else "\n\n")
    assert paras(repaired(text)) == [P1, P2, P3, P4]


def sentence_end_at_a_wrap(paragraph: str) -> int:
    """A column width at which a sentence of the paragraph ends exactly at a line end."""
    for width in range(12, 30):
        if any(ln.endswith("。") for ln in typeset(paragraph, width)[:-1]):
            return width
    raise AssertionError("no width puts a sentence end at a line end")


def test_a_sentence_end_at_the_column_edge_is_not_a_paragraph_end() -> None:
    width = sentence_end_at_a_wrap(P2)
    text = page(typeset(P1, width) + typeset(P2, width), typeset(P3, width))
    assert paras(repaired(text)) == [P1, P2, P3]


def ending_on_a_full_line(paragraph: str, width: int) -> tuple[str, list[str]]:
    """A sentence-ending cut of ``paragraph`` whose last column line is exactly full."""
    for cut in range(len(paragraph) - 30, len(paragraph)):
        first = paragraph[:cut].rstrip("，、。") + "。"
        lines = typeset(first, width)
        if len(lines) > 2 and len(lines[-1]) == width:
            return first, lines
    raise AssertionError("no cut fills the last line")


def test_paragraph_end_at_a_full_line_is_told_by_the_next_lines_indent_shape() -> None:
    # A paragraph whose last line fills the column exactly: only the next line's shape (two
    # cells short, the dropped indent) says a new paragraph starts.
    first, lines = ending_on_a_full_line(P1, 16)
    nxt = typeset(P4, 16)
    text = page(lines + nxt[:3], nxt[3:])
    assert paras(repaired(text)) == [first, P4]


def test_titles_bylines_subheads_and_datelines_stacked_with_body_stay_apart() -> None:
    body = typeset(P2, 16)
    head = ["统计改革迈出新步伐", "——访国家统计局局长朱之鑫", "●本报记者 叶丽沙"]
    text = page(typeset(P1, 16)[:3] + head + body)
    out = paras(repaired(text))
    for line in head:
        assert line in out  # each its own paragraph, glued to nothing
    assert P2 in out


def test_byline_right_after_a_full_body_line_is_split_off() -> None:
    lines = typeset(P4, 16)
    text = page([*lines[:4], "●本报记者叶丽沙", *lines[4:5]], lines[5:])
    cuts = [s for s in found(text) if s.kind == "split"]
    at = text.index("●")
    assert any(s.end == at for s in cuts) and any(
        s.start == at + len("●本报记者叶丽沙") for s in cuts
    )


@pytest.mark.parametrize(
    "furniture",
    [
        ["6"],
        ["第7版"],
        ["经济日报 2014年4月7日 星期一 第7版 社会"],
        ["第03版：地方"],
        ["（下转第2版）", "- 1 -", "第2版", "（上接第1版）"],
        ["光明日报", "责任编辑：李飘", "- 14 -"],
    ],
)
def test_furniture_lines_inside_a_block_are_removed_and_the_cut_rejoined(
    furniture: list[str],
) -> None:
    lines = typeset(P1, 16)
    text = page([*lines[:3], *furniture, *lines[3:]], typeset(P3, 16))
    dels = [s for s in found(text) if s.kind == "furniture"]
    assert [text[s.start : s.end].strip() for s in dels] == furniture
    assert paras(repaired(text)) == [P1, P3]


@pytest.mark.parametrize("jump", ["（下转第2版）", "（上接第1版）"])
def test_a_lone_jump_line_parts_the_text_around_it(jump: str) -> None:
    # On a page, the text before （下转…） goes on elsewhere and the text after （上接…） comes
    # from elsewhere: the lines around a lone jump line belong to different paragraphs.
    one, two = typeset(P1, 16), typeset(P4, 16)
    text = page([*one[:3], jump, *two], typeset(P3, 16))
    out = paras(repaired(text))
    assert "".join(one[:3]) in out and P4 in out and P3 in out


@pytest.mark.parametrize("pages", [(7, 16), (17, 16)])
def test_jump_lines_out_and_in_on_one_page_stand_between_two_stories(
    pages: tuple[int, int],
) -> None:
    # A story cut at one box's foot (（下转第X版）) and the one carried on at the next box's top
    # (（上接第Y版）) are two stories when no page's foot or head stands between the lines.
    one, two = typeset(P1, 16), typeset(P4, 16)
    jumps = [f"（下转第{pages[0]}版）", f"（上接第{pages[1]}版）"]
    text = page([*one[:3], *jumps, *two], typeset(P3, 16))
    out = paras(repaired(text))
    assert "".join(one[:3]) in out and P4 in out and P3 in out


def test_running_heads_that_change_from_page_to_page_are_removed_and_the_cut_rejoined() -> None:
    one = typeset(P1, 16)
    two = typeset(P4, 16)
    text = page(
        ["人民日报 2001年1月2日 星期二 第3版"],
        one[:5],
        ["第4版 经济 人民日报 2001年1月2日"],
        one[5:] + two[:2],
        ["5"],
        two[2:],
    )
    assert paras(repaired(text)) == [P1, P4]


def test_varying_running_heads_as_whole_paragraphs_of_a_prose_file() -> None:
    text = "\n\n".join(
        [
            "经济日报 2014年4月7日 星期一 第7版 社会",
            P1,
            "经济日报 2014年4月8日 星期二 第2版 要闻",
            P3,
        ]
    )
    dels = [s for s in found(text) if s.kind == "furniture"]
    assert len(dels) == 2
    assert paras(repaired(text)) == [P1, P3]


def test_a_number_moved_whole_to_the_next_line_is_a_wrap() -> None:
    text = page(typeset(P1, 15) + typeset(P3, 15))
    assert paras(repaired(text)) == [P1, P3]


def test_viewer_copy_without_blank_lines_keeps_a_line_per_paragraph() -> None:
    # No blank line at all: each line is a paragraph; wraps are joined, ends stay single breaks.
    width = sentence_end_at_a_wrap(P2)
    text = "\n".join(typeset(P1, width) + typeset(P2, width) + typeset(P4, width)) + "\n"
    got = found(text)
    assert got and {s.kind for s in got} == {"merge"}
    assert repaired(text).splitlines() == [P1, P2, P4]


def test_ocr_text_that_kept_the_indent() -> None:
    lines = []
    for p in (P1, P2, P4):
        col = typeset(p, 17)
        lines += ["\u3000\u3000" + col[0], *col[1:]]
    assert paras(repaired(page(lines))) == [P1, P2, P4]


def test_prose_files_are_not_read_as_printed_lines() -> None:
    blank = "\n\n".join([P1, P2, P3, P4]) + "\n"
    single = "\n".join([P1, P2, P3, P4]) + "\n"
    short_lines = "\n".join(
        ["第一行。", "这一句较长一些，内容也不同。", "短句。", "又一个长度不同的句子在这里。"]
    )
    for text in (blank, single, short_lines):
        assert [s for s in found(text) if s.kind in ("merge", "split", "furniture")] == []


@pytest.mark.parametrize(
    "line",
    [
        "经济日报 2014年4月7日 星期一 第7版 社会",
        "第03版：地方",
        "2001年1月2日 星期二",
        "A7 国际新闻 2014.04.07",
        "人民日报 第十二版",
    ],
)
def test_running_head_patterns(line: str) -> None:
    assert is_running_head(line) and is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "2014年4月7日，国家统计局发布",
        "出版社出版了一本新书",
        "本报北京4月7日电",
        "2014年4月7日",
        "星期一下午",
        "我们 一起 走过",
        "2000年12月31日的最后",  # a sentence's first line: a date, then words glued on
    ],
)
def test_body_lines_are_not_running_heads(line: str) -> None:
    assert not is_running_head(line)


# ----- the PDF-page benchmark on a few tune pages (cached by bench.pdf_pages) -----


def test_pdf_benchmark_tune_pages_rebuilt_near_the_ceiling(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    from bench import pdf_layout, pdf_pages

    from tests.conftest import SHARED

    if not (SHARED / "data").is_dir():
        pytest.skip(f"evaluation data not found at {SHARED / 'data'} (../shared is absent)")
    pages = sorted((pdf_pages.CACHE / "tune").glob("p*.gold.json"))[:8]
    if len(pages) < 8:
        # No page cache (a fresh CI machine): print 8 tune pages now (~10 s, no OCR).
        missing = [t for t in ("chromium", "pdftotext", "pdfinfo") if not shutil.which(t)]
        if missing:
            pytest.skip(f"no cached tune pages and {', '.join(missing)} not installed")
        monkeypatch.setattr(pdf_pages, "CACHE", tmp_path)
        pdf_pages.build("tune", 8, False)
    totals = pdf_layout.evaluate("tune", "pdftotext", 8, None)
    capsys.readouterr()
    ours, naive = totals["corpusfix"], totals["naive"]
    ceiling = ours.ceiling
    assert ours.exact >= 0.9 * ceiling and ours.exact > naive.exact
    assert ours.wrong_joins <= 0.1 * ours.out_paragraphs
    assert ours.furniture_left <= 0.1 * ours.furniture


def test_a_block_of_furniture_lines_only_is_deleted_whole() -> None:
    lines = typeset(P1, 16)
    text = page(lines, ["（下转第14版）", "7"], typeset(P3, 16))
    dels = [s for s in found(text) if s.kind == "furniture"]
    assert len(dels) == 1 and text[dels[0].start : dels[0].end].startswith("（下转第14版）\n7")
    out = paras(repaired(text))
    assert not any("下转" in p or p == "7" for p in out)


def test_a_title_block_wider_than_the_columns_is_not_glued_to_the_next_story() -> None:
    title = "习近平向上海合作组织绿色和可持续发展论坛致贺信"  # one line across the columns
    opener = "央视网消息（新闻联播）：4月29日，国家主席习近平向论坛致贺信。"
    text = page(typeset(P1, 16), [title], typeset(opener, 16), typeset(P3, 16))
    out = paras(repaired(text))
    assert title in out and opener in out and P1 in out


def test_a_headline_block_repeated_in_its_article_is_not_deleted_as_a_duplicate() -> None:
    """A headline set in its own block (a larger font: shorter lines) often repeats the words
    of its article's first sentence; it is a headline, not a stray copy of body text."""
    title = "习近平向上海合作组织绿色和可持续发展论坛致贺信"
    body = (
        "央视网消息：4月29日，国家主席" + title + "。习近平指出，中国秉持绿水青山就是金山银山理念。"
    )
    text = page(["A10 民生"], typeset(title, 6, indent=False), typeset(body, 12), typeset(P3, 12))
    assert [s for s in found(text) if s.kind == "duplicate"] == []
    assert paras(repaired(text)) == [title, body, P3]  # the running head goes too


@pytest.mark.parametrize(
    "title",
    [
        "央视快评：促进海内外中华儿女团结奋斗",  # its lines fill the headline's own narrow block
        "文献纪录片《江泽民》今晚开始播出",  # a title mark split across two lines
        "李强签署国务院令 公布《行政执法监督条例》",  # it ends in 》
        "俄称对乌关键设施进行集群打击 乌称拦截数十架俄无人机",  # five narrow lines
    ],
)
def test_a_narrow_title_block_after_a_column_cut_mid_sentence_stays_apart(title: str) -> None:
    """A column ends mid-sentence and the next block is another article's headline, set in a
    larger font (fewer characters a line, all lines equally full): the headline is not the
    column's continuation, and its byline below it stays apart too."""
    first = P1 + P2
    cut = len(typeset(first, 14)) - 2
    col = typeset(first, 14)
    byline = "□本报记者 姚舒"
    text = page(
        ["A10 民生"],
        col[:cut],
        [*typeset(title, 6, indent=False), byline],
        typeset(P4, 14),
        col[cut:],
    )
    got = paras(repaired(text))
    assert title in got and byline in got
    assert not any(title in p and p != title for p in got)


@pytest.mark.parametrize("head", ["光明日报·社会", "南方日报｜要闻", "人民日报 国际"])
def test_a_paper_name_with_a_section_is_a_running_head_without_date_or_page(head: str) -> None:
    # No date, no page number: the paper's name and a section name still make a running head.
    assert is_furniture_line(head)
    one, two = typeset(P1, 16), typeset(P4, 16)
    text = page([head], one[:5], [head], one[5:] + two)
    assert paras(repaired(text)) == [P1, P4]


@pytest.mark.parametrize("section", ["社会新闻", "国际", "理论版"])
def test_a_section_name_alone_at_the_head_or_foot_of_a_page_is_furniture(section: str) -> None:
    # A running head that is a section name alone: at the page's head (with a big folio), at
    # the next page's head between the halves of a cut, at the foot; the cut is rejoined.
    one, two = typeset(P1, 16), typeset(P4, 16)
    text = page([section, "07"], one[:4], ["08", section], one[4:] + two[:3], two[3:], [section])
    assert paras(repaired(text)) == [P1, P4]


def test_a_section_name_as_a_block_of_its_own_is_furniture_anywhere_on_the_page() -> None:
    # pdftotext reads a running head's right-hand piece (社会　7) with the columns under it: the
    # section name lands mid-page, a block of its own; a title is never a bare section name.
    one = typeset(P1, 16)
    text = page(one[:4], ["社会"], one[4:], typeset(P4, 16), ["7"], typeset(P3, 16))
    assert paras(repaired(text)) == [P1, P4, P3]


@pytest.mark.parametrize("piece", ["2025年4月17日", "星期四", "2025年4月17日 星期四"])
def test_a_date_or_weekday_head_piece_at_the_page_head_is_furniture(piece: str) -> None:
    one = typeset(P1, 16)
    text = page([piece], ["星期四"], one[:4], one[4:], typeset(P4, 16), [piece], ["8"])
    assert paras(repaired(text)) == [P1, P4]


def test_a_date_or_section_line_inside_the_text_stays() -> None:
    # Mid-page, with text on both sides and no furniture beside it: not a head piece.
    one, two = typeset(P1, 16), typeset(P4, 16)
    text = page(one, ["2025年4月17日"], [*two[:3], "文化", *two[3:]], typeset(P3, 16))
    assert not [s for s in found(text) if s.kind == "furniture"]
    assert "2025年4月17日" in paras(repaired(text))


def test_a_section_name_in_a_prose_file_is_not_furniture() -> None:
    text = "\n\n".join(["社会新闻", P1, P2, "国际", P3]) + "\n"
    assert not [s for s in found(text) if s.kind == "furniture"]


def test_furniture_paragraphs_at_the_end_of_a_page_are_all_deleted() -> None:
    # A jump line and the page number, each a block of its own, end the page: both deletions
    # must fit together (the last paragraph's deletion takes the separator before it).
    text = page(typeset(P1, 16), typeset(P4, 16), ["（下转第2版）"], ["3"])
    assert paras(repaired(text)) == [P1, P4]


def test_headlines_side_by_side_on_one_line_are_set_apart() -> None:
    # Two articles' headlines stand side by side above their columns; pdftotext puts both on
    # one line (a gap between them), wider than the column the block's lines fill.
    lines = typeset(P1, 16)
    heads = ["甲地举办春季体育大会 乙城开通地铁新线", "●本报记者 石馥"]
    text = page(["A10 民生"], [*lines[:3], *heads, *typeset(P4, 16)], lines[3:])
    out = paras(repaired(text))
    for piece in ("甲地举办春季体育大会", "乙城开通地铁新线", "●本报记者 石馥"):
        assert piece in out
    assert P4 in out


def test_a_wide_line_with_body_pieces_or_a_spaced_title_that_fits_stays_whole() -> None:
    # Body text side by side (commas: which column goes on where is unknown) stays one line;
    # a title with a space inside that fits its column is one title.
    body = "截至目前，列入重点考核的 已有多家实现达标排放，"
    title = "抢抓农时 各地加紧春耕"
    text = page(typeset(P1, 16), [body, *typeset(P4, 16)], [title], typeset(P3, 16))
    got = found(text)
    assert not any(body.index(" ") < s.start - text.index(body) < len(body) for s in got)
    assert title in paras(repaired(text))


def test_a_block_of_columns_read_row_by_row_keeps_its_headlines_and_bylines_apart() -> None:
    # pdftotext read a page's top row by row: two headlines side by side, a byline, then the
    # first lines of two columns (pieces side by side, lines of one column). The block learns
    # no width of its own; it is read in the body's column, so its headlines stay apart.
    a, b = typeset(P1, 12), typeset(P4, 12)
    heads = ["甲地举办春季体育大会 乙城开通地铁新线", "●本报记者 石馥"]
    rows = [f"{a[0]} {b[0]}", a[1], f"{b[1]} {a[2]}", a[3]]
    text = page(typeset(P2, 12), [*heads, *rows], typeset(P3, 12))
    out = paras(repaired(text))
    for piece in ("甲地举办春季体育大会", "乙城开通地铁新线", "●本报记者 石馥"):
        assert piece in out
    assert P2 in out


def test_the_right_piece_of_a_side_by_side_line_does_not_run_on_to_the_next_row() -> None:
    # Row by row: the next row starts back in the left column, so the right-hand headline's
    # piece does not run on into it.
    lines = typeset(P1, 16)
    heads = ["甲地举办春季体育大会 乙城开通地铁新线", "今日隆重开幕迎宾客 运营里程再创历史新高"]
    text = page(["A10 民生"], [*lines[:3], *heads, *typeset(P4, 16)], lines[3:])
    out = paras(repaired(text))
    assert not any("新线" in p and "今日" in p for p in out)
    assert P4 in out


def test_a_paragraph_start_short_only_because_a_number_moved_on_is_told_apart() -> None:
    # The last paragraph fills its last line and ends a sentence; the next one's first line is
    # one indent short less the number that did not fit (numbers are never broken), so it
    # reads as short: it starts a paragraph, it is no title, and it runs on to the number.
    first, lines = ending_on_a_full_line(P1, 16)
    nxt = "这次我国政府在加入世贸组织2025年前再次主动大幅下调关税，实现了当初的承诺。"
    col = typeset(nxt, 16)
    assert col[1].startswith("2025") and len(col[0]) == 13
    text = page(lines + col, typeset(P3, 16))
    assert paras(repaired(text)) == [first, nxt, P3]


def test_narrow_headlines_side_by_side_are_told_by_gaps_stacked_in_one_place() -> None:
    # Two narrow headlines side by side fill the column together; their rows have the gap in
    # the same place (one headline with a space inside has it on one row only).
    lines = typeset(P1, 16)
    heads = ["甲地举办春季体育 乙城开通地铁新线", "运动大会隆重开幕 运营里程再创新高"]
    text = page(["A10 民生"], [*lines[:3], *heads, *typeset(P4, 16)], lines[3:])
    out = paras(repaired(text))
    assert not any("甲地" in p and "乙城" in p for p in out)
    assert not any("运动" in p and "运营" in p for p in out)
    assert P4 in out


def test_a_body_opener_glued_to_the_headline_line_above_is_split_off() -> None:
    # pdftotext put a headline's last line and the body's first line on one line, no gap:
    # 本报讯 / 央视网消息 only ever open a paragraph.
    title = "甲地举办春季体育大会"
    body = "本报讯日前，甲地举办春季体育大会，共有来自全省各地的三千多名运动员参加了比赛。"
    col = typeset(body, 16, indent=False)
    text = page(typeset(P1, 16), ["甲地举办春季", "体育大会" + col[0], *col[1:]], typeset(P3, 16))
    out = paras(repaired(text))
    assert title in out and body in out and P1 in out


def test_a_byline_or_title_that_fills_its_line_runs_on_to_a_short_last_line() -> None:
    # The name did not fit: a line of two Han characters after a full byline (or title) line is
    # its end, not a title of its own.
    byline = ["●本报记者 张三丰 通讯员 李", "四海"]
    title = ["全省春耕生产", "全面展开进度"]  # a title in the body's measure, filling it
    body = typeset(P4, 12)
    text = page(typeset(P1, 12), [*byline, *body], typeset(P3, 12))
    out = paras(repaired(text))
    assert "●本报记者 张三丰 通讯员 李四海" in out and P4 in out
    text = page(typeset(P1, 6), [*title, "过半", *typeset(P2, 6)], typeset(P3, 6))
    assert "全省春耕生产全面展开进度过半" in paras(repaired(text))


def test_a_title_line_may_run_on_to_a_line_a_cell_wider() -> None:
    # A title broken by hand: the second line may be a cell longer than the first.
    title = ["巴以冲突持续", "联合国警告称加", "沙地带面临饥荒"]
    text = page(typeset(P1, 13), [*title, *typeset(P2, 13)], typeset(P3, 13))
    out = paras(repaired(text))
    assert "".join(title) in out and P2 in out and P1 in out


def test_a_title_block_whose_rows_have_gaps_in_one_place_stays_one_title() -> None:
    # A headline in its own narrow block, broken by hand with a space on every row (OCR reads
    # 理想信念 厚植 / 家国情怀 勇担 so): one title, not two headlines side by side.
    title = ["坚定理想 信念", "厚植家国 情怀", "勇担历史 使命", "奋进新征程"]
    text = page(["A10 民生"], typeset(P1, 14), title, typeset(P4, 14), typeset(P3, 14))
    out = paras(repaired(text))
    assert "".join(title) in out and P4 in out


def test_a_block_in_a_far_narrower_column_after_a_finished_sentence_is_a_headline() -> None:
    # A headline in a larger font, too long for a title block of its own (seven lines): its
    # column is far narrower than the body's, so after a sentence that fills the body's last
    # line it starts a new paragraph (a story's columns share one measure).
    first, lines = ending_on_a_full_line(P1, 16)
    title = "外国领导人和国际组织负责人致电习近平主席就我国西藏定日遭受地震灾害表示慰问"
    rows = [title[k : k + 6] for k in range(0, len(title), 6)]
    assert len(rows) == 7
    text = page(lines, rows, ["●本报记者 叶丽沙"], typeset(P4, 16), typeset(P3, 16))
    out = paras(repaired(text))
    assert first in out and P4 in out
    assert not any(p.startswith(first) and len(p) > len(first) for p in out)


def test_a_subhead_or_byline_piece_beside_body_text_on_one_line_is_set_apart() -> None:
    # pdftotext put a subhead (or a byline) and another column's body text side by side on one
    # line, wider than the column: the marked piece is never body text, so the line is split.
    lines = typeset(P1, 16)
    sub = "——访国家统计局局长朱之鑫"
    for marked in (sub, "●本报记者 叶丽沙"):
        row = f"{marked} 市民脸上露出了高兴的笑容。"
        text = page(["A10 民生"], [*lines[:3], row, *typeset(P4, 16)], lines[3:])
        out = paras(repaired(text))
        assert marked in out and P4 in out


def test_a_title_row_wider_than_its_titles_measure_holds_the_next_headline_beside_it() -> None:
    # A headline's rows fill its own measure; its last row, with the next headline's first
    # words beside it (a gap between), runs past that measure though it fits the column.
    lines = typeset(P1, 16)
    heads = ["甲地举办春季体育", "运动大会隆重开", "幕迎接八方宾客 乙城开通地铁新线"]
    text = page(["A10 民生"], [*lines[:3], *heads, *typeset(P4, 16)], lines[3:])
    out = paras(repaired(text))
    assert "甲地举办春季体育运动大会隆重开幕迎接八方宾客" in out
    assert "乙城开通地铁新线" in out and P4 in out


def test_title_rows_past_their_measure_are_split_in_a_small_block_too() -> None:
    # A block of a few headline rows learns no column width of its own; a row that runs past
    # the measure of the rows above it still holds the next headline beside it.
    heads = ["春运人员流动量", "持续攀升多举措", "保障顺畅出行 李强会见文莱苏", "●本报记者 孔兰"]
    text = page(typeset(P1, 12), heads, typeset(P4, 12), typeset(P3, 12))
    out = paras(repaired(text))
    assert "李强会见文莱苏" in out
    assert "春运人员流动量持续攀升多举措保障顺畅出行" in out and P4 in out


def test_a_dash_line_filling_its_column_after_a_short_title_line_is_its_subhead() -> None:
    # A dash line that fills its column reads as body text (a quote's dash); after a title's
    # short last line it is the subhead under the title, and the title ends there.
    heads = ["在信息技术革命", "浪潮面前", "——访教育局区长文苑", "芬"]
    text = page(typeset(P1, 7), heads, ["本报记者 尹瑞"], typeset(P4, 7), typeset(P3, 7))
    out = paras(repaired(text))
    assert "在信息技术革命浪潮面前" in out and "——访教育局区长文苑芬" in out and P4 in out


def test_title_rows_under_headlines_side_by_side_do_not_run_on_into_each_other() -> None:
    # Under a row holding two headlines side by side, pdftotext reads the rows left to right:
    # the left headline's last row, then the right one's; they are two titles' ends.
    lines = typeset(P1, 16)
    heads = ["甲地举办春季体育大会 乙城开通地铁新线", "隆重开幕", "客流破万"]
    text = page(["A10 民生"], [*lines[:3], *heads, *typeset(P4, 16)], lines[3:])
    out = paras(repaired(text))
    assert "隆重开幕" in out and "客流破万" in out and P4 in out


def _title_like_rows(paragraph: str, widths: range) -> tuple[int, list[str], int]:
    """A width and the column lines of ``paragraph`` with an inner line of title wording (no
    punctuation) that fills the column after a line ending mid-sentence; and its index."""
    for width in widths:
        lines = typeset(paragraph, width)
        for k in range(1, len(lines) - 1):
            ln = lines[k]
            if (
                sum(cells(c) for c in ln) == width
                and re.fullmatch(r"[\u4e00-\u9fff]+", ln)
                and lines[k - 1][-1] not in "。！？”；：，、"
            ):
                return width, lines, k
    raise AssertionError("no width gives a full title-like line mid-paragraph")


def test_a_body_line_that_ocr_set_in_a_block_of_its_own_runs_on() -> None:
    # tesseract opens a block (blank lines round it) in the middle of a paragraph; a full
    # column line there with no punctuation reads like a one-line headline block, but after a
    # full line that does not end a sentence it is the body's next line.
    width, lines, k = _title_like_rows(P1 + P4, range(11, 18))
    text = page(lines[:k], [lines[k]], [*lines[k + 1 :]], typeset(P3, width))
    out = paras(repaired(text))
    assert P1 + P4 in out and P3 in out


def test_a_body_line_two_cells_wider_than_its_column_is_no_title() -> None:
    # OCR adds characters to a line, digits may print wider than half a cell, and a learnt
    # column may fall half a cell short of its full lines (tesseract: 儿童基金会29日发布联合声,
    # 12 cells in a column learnt as 10.5): a title-worded line up to two cells wider than the
    # column, between full lines mid-sentence, is still body text.
    width, lines, k = _title_like_rows(P1 + P4, range(11, 18))
    wider = lines[k][:3] + "和" + lines[k][3:6] + "的" + lines[k][6:]
    body = "".join([*lines[:k], wider, *lines[k + 1 :]])
    block = [*lines[:k], wider, *lines[k + 1 :]]
    text = page(["A10 民生"], block, typeset(P3, width))
    out = paras(repaired(text))
    assert body in out and P3 in out


def test_a_line_that_ocr_read_with_ascii_marks_is_measured_as_printed() -> None:
    # tesseract reads （）： as ASCII ( ) : — half a cell each by the measure — so a full line
    # ending in ） looked a cell short, and a ） at a line end closed the paragraph there.
    opener = "央视网消息（新闻联播）：今天（2月19日）的《代表委员履职故事》，我们来认识一位持续关注"
    paragraph = opener + "科技创新的全国人大代表。他说，要把论文写在祖国大地上。"
    lines = typeset(paragraph, 11)
    assert lines[1].endswith("）")  # the line the test is about
    ocr = [ln.replace("（", "(").replace("）", ")").replace("：", ":") for ln in lines]
    text = page(["A10 民生"], ocr, typeset(P3, 11))
    out = paras(repaired(text))
    assert "".join(ocr) in out and P3 in out


def test_a_full_line_runs_on_to_its_blocks_short_last_line_that_lost_its_stop() -> None:
    # OCR drops a paragraph's last 。 (…只有靠大家 / 团结一致): the short last line then reads
    # like a title, but a full line that does not end a sentence runs on to it.
    paragraph = P1[:-1] + "团结一致"
    for width in range(12, 20):
        lines = typeset(paragraph, width)
        last = lines[-1]
        if 4 <= len(last) <= width - 4 and re.fullmatch(r"[\u4e00-\u9fff]+", last):
            break
    else:
        raise AssertionError("no width leaves the title-like words on the last line alone")
    text = page(["A10 民生"], lines, typeset(P3, width))
    out = paras(repaired(text))
    assert paragraph in out and P3 in out


def test_a_headlines_rows_in_blocks_of_their_own_run_on_to_a_shorter_row() -> None:
    # tesseract sets each row of a headline in a block of its own (blank lines round it): a
    # shorter row under one that ends mid-title is the same headline's next row.
    rows = ["中国文明乡风大", "会在延安举行"]
    text = page(typeset(P1, 13), rows[:1], rows[1:], typeset(P2, 13), typeset(P3, 13))
    out = paras(repaired(text))
    assert "".join(rows) in out and P2 in out and P1 in out


# A story in a column of 10 cells whose fifth line stops short: the next one opens with a quoted
# Latin word too long for the rest of that line.
VIRUS_HEAD = [
    "这家公司发布的新",
    "闻公报称，携带这种新",
    "病毒的电子邮件的题目",
    "是新年快乐打开后会看",
]
VIRUS_TAIL = ["“happynewyeartxtvbs”", "的附件，用户打开后病", "毒就会发作。"]


def virus_story(short_line: str) -> list[str]:
    return [*VIRUS_HEAD, short_line, *VIRUS_TAIL]


def test_a_justified_line_pdftotext_letter_spaced_is_a_full_line() -> None:
    # A justified line whose next word (“Latin”, never broken) did not fit is set with wide
    # spacing; pdftotext reads it with a space between every two characters (包 含 一 个 名 为),
    # few cells by the measure, yet it fills the column: no title, no paragraph start.
    lines = virus_story("到 包 含 一 个")
    text = page(["A10 民生"], lines, typeset(P3, 10))
    out = paras(repaired(text))
    assert "".join(lines) in out and P3 in out


@pytest.mark.parametrize(
    "two",
    [
        # A first line half a cell off its indent shape (a digit in it), and a comma at the
        # fourth place of the line after (罢免案，): nothing was pulled down from the first line.
        ["本可以依法进行7次", "罢免案，为何弄得如此", "复杂？个中原因值得探", "讨。"],
        # 奖励分为嘉奖三 | 等、一等功…: 、 may not open a line, so 等 went down with it, and the
        # first line is one indent and one cell short.
        ["奖励分为嘉奖三", "等、一等功荣誉称号以", "及其他奖励。"],
    ],
)
def test_what_a_mark_pulls_down_is_one_or_two_cells(two: list[str]) -> None:
    # The paragraph before ends at a full line; the next one's first line is short for its
    # indent (and for what the next line's opening mark pulled down, where it did).
    one = [*VIRUS_HEAD[:3], "是新年快乐打开后会。"]
    text = page(["A10 民生"], [*one, *two], typeset(P3, 10))
    out = paras(repaired(text))
    assert "".join(one) in out and "".join(two) in out


def test_a_byline_cut_inside_one_of_its_words_runs_on() -> None:
    # 本报记者 朱婕香 通讯 | 员 张刚: the byline's own word 通讯员 is cut at the line's end.
    byline = ["本报记者 朱婕香 通讯", "员 张刚"]
    text = page(typeset(P1, 10), ["甲地举办春季体育大会", *byline, *typeset(P2, 10)])
    out = paras(repaired(text))
    assert "本报记者 朱婕香 通讯员 张刚" in out and P2 in out and P1 in out


def test_a_line_short_because_a_quoted_latin_word_moved_on_is_no_title() -> None:
    # The next line opens with “ and a Latin word too long for the rest of the line: the
    # quote went on with the word, and the short line before it is body text.
    lines = virus_story("到包含一个")
    text = page(["A10 民生"], lines, typeset(P3, 10))
    out = paras(repaired(text))
    assert "".join(lines) in out and P3 in out


def test_an_ocr_subhead_that_fills_its_column_stays_apart_from_the_body_under_it() -> None:
    # A ——访… line that fills its column reads as a quote's dash line in the body; OCR's 一一访…
    # is the subhead (no body line opens so), and the body under it is a paragraph of its own.
    sub = "一一访国家统计局局长朱之鑫"
    text = page(typeset(P1, 13), ["甲地举办春季体育大会", sub, *typeset(P4, 13)], typeset(P3, 13))
    out = paras(repaired(text))
    assert sub in out and P4 in out and P1 in out
