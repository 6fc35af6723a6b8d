"""The geometry rules of PDF input (core/pdf_layout.py) on hand-made pages: positioned glyphs,
no PDF library. Each test is one class of mistake the rules must not make."""

from __future__ import annotations

from corpusfix.core.pdf_layout import Extracted, extract
from corpusfix.core.pdf_read import Glyph, Page

EM = 10.0
INDENT = "\u3000\u3000"  # a line written with it starts 2 em in


def line(text: str, x: float, y: float, size: float = EM) -> list[Glyph]:
    if text.startswith(INDENT):
        text, x = text[len(INDENT) :], x + 2 * size
    out = []
    for ch in text:
        out.append(Glyph(ch, x, x + size, y, y - 0.12 * size, y + 0.88 * size, size))
        x += size
    return out


def column(lines: list[str], x: float, top: float, pitch: float = 1.5 * EM) -> list[Glyph]:
    out: list[Glyph] = []
    for n, text in enumerate(lines):
        out += line(text, x, top - n * pitch)
    return out


def page(*glyph_lists: list[Glyph], height: float = 800.0) -> Page:
    return Page(600.0, height, tuple(g for gl in glyph_lists for g in gl))


def paras(found: Extracted) -> list[str]:
    return found.text.rstrip("\n").split("\n\n")


# two 10-character columns, 2 em apart
LEFT, RIGHT = 50.0, 170.0


def test_columns_in_order_paragraphs_by_indent_and_across_the_column_break() -> None:
    col1 = [
        INDENT + "第一段开头写八个",
        "字，第一段继续写满十",
        INDENT + "第二段开始写八个",
        "字，然后写满整整十个",
        "字的一行直到栏的底部",
    ]
    col2 = [  # the top line is not indented: the paragraph goes on
        "第二段在第二栏继续。",
        INDENT + "第三段。",
    ]
    found = extract([page(column(col1, LEFT, 600), column(col2, RIGHT, 600))])
    assert paras(found) == [
        "第一段开头写八个字，第一段继续写满十",
        "第二段开始写八个字，然后写满整整十个字的一行直到栏的底部第二段在第二栏继续。",
        "第三段。",
    ]


def test_a_line_broken_early_before_punctuation_goes_on() -> None:
    """Kinsoku: 注”， may not be split, so the line before ends two em early; the paragraph goes
    on. A line that had room for the next line's first character ended its paragraph."""
    col = [
        INDENT + "大米商标被人抢注",
        "了企业受害。要及时注",
        "册商标防被人“抢",  # 8 characters: no room for 注”， (3 em), the paragraph goes on
        "注”，避免损失。",  # 8 characters: room for 新, so it ends the paragraph
        "新的一段不缩进也能分",
    ]
    found = extract([page(column(col, LEFT, 600))])
    assert paras(found) == [
        "大米商标被人抢注了企业受害。要及时注册商标防被人“抢注”，避免损失。",
        "新的一段不缩进也能分",
    ]


def test_a_columns_last_lines_in_the_bottom_band_are_body_and_a_footer_is_furniture() -> None:
    tall = [INDENT + "这一栏很长写满八"] + ["这一栏很长写满十个字"] * 40
    short = [INDENT + "第二栏在页面底", "部只有两行文字而已。"]  # in the bottom 9 %
    footer = line("7", 300, 20)
    found = extract([page(column(tall, LEFT, 645), column(short, RIGHT, 60), footer)])
    furniture = [found.text[s:e] for s, e, _ in found.furniture]
    assert furniture == ["7"]
    assert "第二栏在页面底部只有两行文字而已。" in paras(found)
    assert len(paras(found)) == 3


def test_headlines_by_size_and_running_heads_by_repetition() -> None:
    def one(n: int) -> Page:
        head = line(f"河畔日报 第{n}版", LEFT, 780, size=9)
        title = line("大标题分两行排", LEFT, 740, size=20) + line("第二行标题", LEFT, 715, size=20)
        body = column(
            [INDENT + f"正文第{n}页的内容", "正文写满十个字的一行", "正文写满十个字的一行"],
            LEFT,
            690,
        )
        return page(head, title, body)

    found = extract([one(1), one(2)])
    assert "大标题分两行排第二行标题" in paras(found)
    heads = [found.text[s:e] for s, e in found.headlines]
    assert heads == ["大标题分两行排第二行标题"] * 2
    furniture = [found.text[s:e] for s, e, _ in found.furniture]
    assert furniture == ["河畔日报 第1版", "河畔日报 第2版"]


def test_a_paragraph_cut_at_a_jump_line_goes_on_on_a_later_page_only() -> None:
    cut = column([INDENT + "跨版的段落写满八", "个字然后写满十个字的"], LEFT, 600) + line(
        "（下转第2版）", LEFT + 30, 570
    )
    other = column([INDENT + "另一篇文章。"], RIGHT, 600)
    same_page_from = line("（上接第3版）", RIGHT, 500) + column(["别处的下半段。"], RIGHT, 485)
    later = line("（上接第1版）", LEFT, 600) + column(["下半段在这里。"], LEFT, 585)
    found = extract([page(cut, other, same_page_from), page(later)])
    got = paras(found)
    assert "跨版的段落写满八个字然后写满十个字的下半段在这里。" in got
    assert "别处的下半段。" in got  # not glued to the paragraph cut on the same page


def test_a_headline_overflowing_into_the_gutter_keeps_the_columns_apart() -> None:
    """A headline wider than its column leaves less than an em of gutter: still two columns."""
    a = column([INDENT + "第一栏的文字写满", "第一栏的文字写满十个"], LEFT, 600)
    b = line("溢出栏外的标题", RIGHT, 600, size=17.5) + column(
        [INDENT + "第二栏的文字写满", "第二栏的文字写满十个"], RIGHT, 570
    )  # the headline ends 122.5 pt on: 6 pt before the next column
    c = column(
        [INDENT + "第三栏的文字写满", "第三栏的文字写满十个", "再来十个字写满第三栏"],
        RIGHT + 128.5,
        600,
    )
    found = extract([page(a, b, c)])
    assert paras(found) == [
        "第一栏的文字写满第一栏的文字写满十个",
        "溢出栏外的标题",
        "第二栏的文字写满第二栏的文字写满十个",
        "第三栏的文字写满第三栏的文字写满十个再来十个字写满第三栏",
    ]


def test_furniture_at_the_end_of_the_text_is_all_deleted() -> None:
    """A jump line then the page number close the text: both deletions apply (their spans do
    not overlap), and nothing else changes."""
    from corpusfix.api import document_from, start_session
    from corpusfix.core.extraction import Extraction, text_sha256
    from corpusfix.core.loading import LoadedText

    body = column([INDENT + "正文写满八个字的", "一行然后结束了这段。"], LEFT, 600)
    jump = line("（下转第2版）", LEFT + 30, 570)
    found = extract([page(body, jump, line("9", 300, 20))])
    loaded = LoadedText(found.text, "utf_8", 1.0, False, "lf", "0" * 64, 1)
    extraction = Extraction("test", text_sha256(found.text), 1, found.furniture)
    session = start_session(document_from(loaded, name="p.pdf", extraction=extraction))
    accepted = session.accept_all(["furniture"], min_confidence=0.8)
    assert len(accepted) == 2
    assert session.clean_text() == "正文写满八个字的一行然后结束了这段。\n"


def test_headlines_side_by_side_on_one_baseline_stay_apart() -> None:
    """Two articles' headlines on one baseline (boxes side by side) are two paragraphs; a
    running head's pieces in the page margin are one line. (The cut reads the row of
    headlines before the bodies below it: paragraphs are whole, their order is the cut's.)"""
    head = line("河畔日报", LEFT, 780, size=9) + line("第3版", 500, 780, size=9)
    titles = line("左边的标题", LEFT, 700, size=16) + line("右边标题", RIGHT + 10, 700, size=16)
    a = column([INDENT + "左栏的文字写满八", "左栏的文字写满十个字"], LEFT, 670)
    b = column([INDENT + "右栏的文字写满八", "右栏的文字写满十个字"], RIGHT + 10, 670)
    found = extract([page(head, titles, a, b)])
    assert sorted(paras(found)) == sorted(
        [
            "河畔日报 第3版",
            "左边的标题",
            "左栏的文字写满八左栏的文字写满十个字",
            "右边标题",
            "右栏的文字写满八右栏的文字写满十个字",
        ]
    )


def test_a_gap_between_a_headlines_own_lines_is_no_band_across_the_page() -> None:
    """Flowing columns (one box): the whitespace between the two lines of a headline may line
    up with whitespace in every other column; cutting the page there reads the top of the next
    column before the headline's second line. A headline's lines stay together."""
    big = 17.5
    a = column(
        [INDENT + "甲文第一段写满八", "个字然后写满十个字的"]
        + ["一行又一行写满十个字"] * 3
        + ["最后一行结束。"],
        LEFT,
        600,
    )
    b_head = line("乙文的标题", LEFT, 500, size=big) + line("第二行标题", LEFT, 470, size=big)
    b_body = column(
        [INDENT + "乙文正文写满八个", "字然后写满十个字的一"] + ["行又一行写满了十个字"] * 3,
        LEFT,
        445,
    )
    col2 = column(
        ["乙文在第二栏继续写完", "这一段。", INDENT + "乙文第二段写满八", "个字然后写满十个字的"]
        + ["一行又一行写满十个字"] * 2
        + ["最后结束。"],
        RIGHT,
        600,
    )  # its last line's bottom is above the gap between 乙文's headline lines
    c_head = line("丙文标题", RIGHT, 470, size=big) + line("第二行", RIGHT, 440, size=big)
    c_body = column([INDENT + "丙文正文写满八个", "字然后结束。"], RIGHT, 415)
    found = extract([page(a, b_head, b_body, col2, c_head, c_body)])
    assert paras(found) == [
        "甲文第一段写满八个字然后写满十个字的" + "一行又一行写满十个字" * 3 + "最后一行结束。",
        "乙文的标题第二行标题",
        "乙文正文写满八个字然后写满十个字的一"
        + "行又一行写满了十个字" * 3
        + "乙文在第二栏继续写完这一段。",
        "乙文第二段写满八个字然后写满十个字的" + "一行又一行写满十个字" * 2 + "最后结束。",
        "丙文标题第二行",
        "丙文正文写满八个字然后结束。",
    ]


def test_a_spaced_tail_of_a_pdf_paragraph_is_no_glued_headline() -> None:
    """In text a spaced title-like tail after the last sentence end reads as a headline glued
    on; a PDF's headlines are set larger and the extractor has already put them apart, so the
    same tail there is body text (the end of a paragraph cut at a jump line)."""
    from corpusfix.api import document_from, start_session
    from corpusfix.core.extraction import Extraction, text_sha256
    from corpusfix.core.loading import LoadedText

    text = (
        "标题在这里\n\n央视网消息：特朗普称，他希望乌方提供稀土以换取援助，并称乌方已基本"
        "同意这一提议。乌称考虑与俄交换领土 俄称乌军事失败乌克兰总统泽连斯基10日对媒\n\n"
        "（下转第19版）\n"
    )

    def splits(name: str, extraction: Extraction | None) -> list[str]:
        loaded = LoadedText(text, "utf_8", 1.0, False, "lf", "0" * 64, 1)
        session = start_session(document_from(loaded, name=name, extraction=extraction))
        return [s.id for s in session.pending() if s.kind == "split" and s.confidence >= 0.8]

    jump = text.index("（下转")
    extraction = Extraction("test", text_sha256(text), 1, ((jump, jump + 7, "continuation note"),))
    assert splits("p.txt", None)  # the text rule stays for text
    assert splits("p.pdf", extraction) == []


def latin(text: str, x: float, y: float, size: float = EM) -> list[Glyph]:
    """A Latin line: half-em letters, a space glyph between words (as PDFium reports them)."""
    out = []
    for ch in text:
        if ch == " ":
            out.append(Glyph(" ", x, x, y, y, y, 0.0, True))
            x += 0.3 * size
            continue
        out.append(Glyph(ch, x, x + 0.5 * size, y, y - 0.12 * size, y + 0.88 * size, size))
        x += 0.5 * size
    return out


def test_latin_words_keep_their_space_at_a_wrapped_line_end() -> None:
    """A wrapped line of Latin text ends with a word (or a comma, a full stop) and the next
    starts with one: joining the lines must keep the space the line break stood for."""
    rows = ["    The quick brown", "fox jumps in 2020,", "the year of the", "“dog” (a lazy one)."]
    glyphs: list[Glyph] = []
    for n, row in enumerate(rows):
        glyphs += latin(row.strip(), LEFT + (20 if row.startswith(" ") else 0), 600 - n * 15)
    found = extract([page(glyphs)])
    assert paras(found) == [
        "The quick brown fox jumps in 2020, the year of the “dog” (a lazy one)."
    ]


def test_version_1_rules_stay_for_logs_made_by_it() -> None:
    """Version 1 put a space only between two letters or digits: ``2020,`` + ``the`` joined
    without one. Its logs must still replay, so its rule is kept beside the new one."""
    rows = ["    The quick brown", "fox jumps in 2020,", "the year of the", "“dog” (a lazy one)."]
    glyphs: list[Glyph] = []
    for n, row in enumerate(rows):
        glyphs += latin(row.strip(), LEFT + (20 if row.startswith(" ") else 0), 600 - n * 15)
    assert paras(extract([page(glyphs)], version=1)) == [
        "The quick brown fox jumps in 2020,the year of the“dog” (a lazy one)."
    ]


def test_no_join_across_a_jump_line_the_extractor_left_between_two_paragraphs() -> None:
    """A paragraph cut at （下转第2版） and another article's rest after （上接第3版）, on one page
    (a one-page PDF: the cut's rest is not in it): the extractor keeps them apart, and the merge
    detector must not join them across the deleted jump lines (seen on bench.pdf_pages' tune
    pages: `…黄英贤表示，|会，特别是…`). A cut that goes on on a later page is still one paragraph."""
    from corpusfix.api import document_from, start_session
    from corpusfix.core.extraction import Extraction, text_sha256
    from corpusfix.core.loading import LoadedText

    cut = column([INDENT + "跨版的段落写满八", "个字然后写满十个字，"], LEFT, 600) + line(
        "（下转第2版）", LEFT + 30, 570
    )
    same_page_from = line("（上接第3版）", LEFT, 555) + column(["别处的下半段。"], LEFT, 540)
    later = line("（上接第1版）", LEFT, 600) + column(["下半段在这里。"], LEFT, 585)

    def clean(pages: list[Page]) -> list[str]:
        found = extract(pages)
        loaded = LoadedText(found.text, "utf_8", 1.0, False, "lf", "0" * 64, 1)
        extraction = Extraction("test", text_sha256(found.text), 1, found.furniture)
        session = start_session(document_from(loaded, name="p.pdf", extraction=extraction))
        session.accept_all(["merge", "furniture"], min_confidence=0.8)
        return paras_of(session.clean_text())

    alone = clean([page(cut, same_page_from)])
    assert alone == ["跨版的段落写满八个字然后写满十个字，", "别处的下半段。"]
    both = clean([page(cut, same_page_from), page(later)])
    assert "跨版的段落写满八个字然后写满十个字，下半段在这里。" in both
    assert "别处的下半段。" in both


def paras_of(text: str) -> list[str]:
    return [p for p in (b.strip() for b in text.split("\n\n")) if p]
