"""A self-contained HTML report: original and clean side by side, character-level highlights.

Everything from the article is HTML-escaped (scraped text can contain ``<script>``); the page
needs no network and runs its few lines of script (next/previous change, filter by kind) inline.
"""

from __future__ import annotations

import html
import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from corpusfix.core.changelog import LogRecord
from corpusfix.core.labels import detector_name, kind_name, state_name
from corpusfix.core.messages import render_text
from corpusfix.export.changes import (
    DELETE,
    EQUAL,
    INSERT,
    Change,
    applied_changes,
    char_segments,
    row_cuts,
)

_CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:0;
 color:#222;background:#fafafa}
header,nav,section{padding:8px 16px}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid #ccc;z-index:2}
table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #e4e4e4;padding:4px 6px;vertical-align:top;text-align:left}
table.sbs td.t{white-space:pre-wrap;word-break:break-all;width:48%;font-size:15px;line-height:1.6}
td.n{color:#999;font-size:12px;width:3em}
del{background:#ffd2d2;text-decoration:line-through;color:#900}
ins{background:#c9f5cf;text-decoration:none;color:#060}
.chg{outline:none;border-radius:2px}
.chg.current{box-shadow:0 0 0 2px #f90}
tr.hidden,.chg.hidden{display:none}
.counts td,.counts th{padding:2px 10px}
small{color:#666}
"""

_JS = """
(function(){
  var seen={}, changes=[], cur=-1;
  document.querySelectorAll('.chg').forEach(function(el){
    if(!seen[el.dataset.id]){seen[el.dataset.id]=1; changes.push(el);}
  });
  function go(step){
    var n=changes.length, k;
    for(k=0;k<n;k++){
      cur=(cur+step+n)%n;
      if(!changes[cur].classList.contains('hidden')) break;
    }
    if(k===n) return;
    document.querySelectorAll('.chg.current').forEach(function(c){c.classList.remove('current');});
    var id=changes[cur].dataset.id;
    document.querySelectorAll('.chg[data-id="'+id+'"]').forEach(function(c){
      c.classList.add('current');});
    changes[cur].scrollIntoView({block:'center'});
    document.getElementById('pos').textContent=id;
  }
  window.corpusfixNext=function(){go(1);}; window.corpusfixPrev=function(){go(-1);};
  document.getElementById('next').onclick=window.corpusfixNext;
  document.getElementById('prev').onclick=window.corpusfixPrev;
  document.addEventListener('keydown',function(e){
    if(e.target.tagName==='INPUT') return;
    if(e.key==='n'||(e.key==='F8'&&!e.shiftKey)){go(1);e.preventDefault();}
    if(e.key==='p'||(e.key==='F8'&&e.shiftKey)){go(-1);e.preventDefault();}
  });
  document.querySelectorAll('input.kind').forEach(function(box){
    box.onchange=function(){
      var sel='[data-kind="'+box.value+'"]';
      document.querySelectorAll('.chg'+sel+',tr.rec'+sel).forEach(function(c){
        c.classList.toggle('hidden',!box.checked);});
    };
  });
})();
"""


# The page's own words, English and Chinese (``lang``: the UI language, `fix --lang`).
_WORDS = {
    "kind": ("kind", "类别"),
    "all": ("all", "总数"),
    "prev": ("◀ previous change (p)", "◀ 上一处改动 (p)"),
    "next": ("next change (n) ▶", "下一处改动 (n) ▶"),
    "changes": ("{0} changes", "{0} 处改动"),
    "original": ("original", "原文"),
    "clean": ("clean", "清理后"),
    "all_suggestions": ("All suggestions", "全部建议"),
    "id": ("id", "编号"),
    "line": ("line", "行"),
    "detector": ("detector", "检测器"),
    "confidence": ("confidence", "置信度"),
    "decision": ("decision", "决定"),
    "change": ("change", "改动"),
    "why": ("why", "原因"),
    "insertion": ("insertion point", "插入点"),
    "deleted": ("deleted here", "此处删除"),
    "encoding": ("encoding", "编码"),
    "out_encoding": ("output encoding", "输出编码"),
    "newline": ("line ends", "换行符"),
    "records": ("records", "记录数"),
}


def _w(key: str, lang: str) -> str:
    en, zh = _WORDS[key]
    return zh if lang == "zh" else en


# No network, no outside resources: the page is only itself.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def _esc(s: str) -> str:
    return html.escape(s, quote=True)


def _show(s: str) -> str:
    """Escape; make removed or inserted line breaks visible."""
    return _esc(s.replace("\r\n", "⏎\n").replace("\r", "⏎\n").replace("\n", "⏎\n"))


def _title(rec: LogRecord, lang: str) -> str:
    return (
        f"{rec.id} · {kind_name(rec.kind, lang)} · {detector_name(rec.detector, lang)} · "
        f"{float(rec.confidence):.2f} · {state_name(rec.decision, lang)}"
    )


def _attrs(rec: LogRecord, lang: str) -> str:
    return (
        f'class="chg" data-id="{_esc(rec.id)}" data-kind="{_esc(rec.kind)}" '
        f'title="{_esc(_title(rec, lang))}"'
    )


def _row_html(
    original: str, start: int, end: int, changes: Sequence[Change], lang: str
) -> tuple[str, str]:
    left: list[str] = []
    right: list[str] = []
    pos = start
    for c in changes:
        same = _esc(original[pos : c.start])
        left.append(same)
        right.append(same)
        attrs = _attrs(c.record, lang)
        for op, seg in char_segments(original[c.start : c.end], c.after):
            if op == EQUAL:
                left.append(_esc(seg))
                right.append(_esc(seg))
            elif op == DELETE:
                left.append(f"<del {attrs}>{_show(seg)}</del>")
            elif op == INSERT:
                right.append(f"<ins {attrs}>{_show(seg)}</ins>")
        if c.start == c.end or not original[c.start : c.end]:
            left.append(f'<del {attrs} aria-label="{_w("insertion", lang)}"></del>')
        if not c.after:
            right.append(f'<ins {attrs} aria-label="{_w("deleted", lang)}"></ins>')
        pos = c.end
    rest = _esc(original[pos:end])
    left.append(rest)
    right.append(rest)
    return "".join(left), "".join(right)


def html_report(
    original: str,
    records: Sequence[LogRecord],
    *,
    title: str,
    header: Mapping[str, Any] | None = None,
    lang: str = "en",
) -> str:
    """The report page; ``lang`` ("en" or "zh") is the language of its words and messages."""
    changes = applied_changes(records)
    cuts = [*row_cuts(original, changes), len(original)]
    rows = []
    ci = 0
    line = 1
    for a, b in itertools.pairwise(cuts):
        row_changes = []
        while ci < len(changes) and changes[ci].start < b:
            row_changes.append(changes[ci])
            ci += 1
        seg = original[a:b]
        if seg.strip() or row_changes:
            left, right = _row_html(original, a, b, row_changes, lang)
            cls = ' class="changed"' if row_changes else ""
            rows.append(
                f'<tr{cls}><td class="n">{line}</td><td class="t">{left}</td>'
                f'<td class="t">{right}</td></tr>'
            )
        line += seg.count("\n")

    by_kind: dict[str, Counter[str]] = {}
    for r in records:
        by_kind.setdefault(r.kind, Counter())[r.decision] += 1
    decisions = ("accepted", "edited", "rejected", "pending", "flagged")
    count_rows = "".join(
        f"<tr><th>{_esc(kind_name(k, lang))}</th><td>{sum(c.values())}</td>"
        + "".join(f"<td>{c.get(d, 0)}</td>" for d in decisions)
        + "</tr>"
        for k, c in sorted(by_kind.items())
    )
    kinds_boxes = " ".join(
        f'<label><input type="checkbox" class="kind" value="{_esc(k)}" checked> '
        f"{_esc(kind_name(k, lang))}</label>"
        for k in sorted(by_kind)
    )
    rec_rows = "".join(
        f'<tr class="rec" data-kind="{_esc(r.kind)}"><td>{_esc(r.id)}</td>'
        f"<td>{_esc('' if r.line is None else str(r.line))}</td>"
        f"<td>{_esc(kind_name(r.kind, lang))}</td>"
        f"<td>{_esc(detector_name(r.detector, lang))}</td>"
        f"<td>{float(r.confidence):.2f}</td><td>{_esc(state_name(r.decision, lang))}</td>"
        f"<td><del>{_show(r.before)}</del> → "
        f"<ins>{_show(r.after) if r.after is not None else '—'}</ins></td>"
        f"<td>{_esc(render_text(r.message, lang))}</td></tr>"
        for r in records
    )
    decision_heads = "".join(f"<th>{state_name(d, lang)}</th>" for d in decisions)
    meta = ""
    if header:
        sep = "：" if lang == "zh" else ": "
        values = {k: str(header[k]) for k in header}
        if "newline" in values:
            values["newline"] = values["newline"].upper()  # LF, CRLF: the names in every language
        meta = " · ".join(
            _esc(values[k]) if k == "original" else f"{_w(k, lang)}{sep}{_esc(values[k])}"
            for k in ("original", "encoding", "out_encoding", "newline", "records")
            if k in header
        )

    def w(key: str) -> str:
        return _w(key, lang)

    return f"""<!DOCTYPE html>
<html lang="{"zh" if lang == "zh" else "en"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<title>corpusfix · {_esc(title)}</title><style>{_CSS}</style></head>
<body>
<header><h1>{_esc(title)}</h1><small>{meta}</small>
<table class="counts"><tr><th>{w("kind")}</th><th>{w("all")}</th>{decision_heads}</tr>
{count_rows}</table></header>
<nav><button id="prev" type="button">{w("prev")}</button>
<button id="next" type="button">{w("next")}</button> <span id="pos"></span>
<span id="nchanges">{w("changes").format(len(changes))}</span> · {kinds_boxes}</nav>
<section><table class="sbs"><thead><tr><th></th><th>{w("original")}</th><th>{w("clean")}</th></tr>
</thead><tbody>{"".join(rows)}</tbody></table></section>
<section><h2>{w("all_suggestions")}</h2><table class="recs"><thead><tr><th>{w("id")}</th>
<th>{w("line")}</th><th>{w("kind")}</th><th>{w("detector")}</th><th>{w("confidence")}</th>
<th>{w("decision")}</th><th>{w("change")}</th><th>{w("why")}</th></tr>
</thead><tbody>{rec_rows}</tbody></table></section>
<script>{_JS}</script>
</body></html>
"""
