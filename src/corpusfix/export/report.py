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


# No network, no outside resources: the page is only itself.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def _esc(s: str) -> str:
    return html.escape(s, quote=True)


def _show(s: str) -> str:
    """Escape; make removed or inserted line breaks visible."""
    return _esc(s.replace("\r\n", "⏎\n").replace("\r", "⏎\n").replace("\n", "⏎\n"))


def _title(rec: LogRecord) -> str:
    return f"{rec.id} · {rec.kind} · {rec.detector} · {float(rec.confidence):.2f} · {rec.decision}"


def _attrs(rec: LogRecord) -> str:
    return (
        f'class="chg" data-id="{_esc(rec.id)}" data-kind="{_esc(rec.kind)}" '
        f'title="{_esc(_title(rec))}"'
    )


def _row_html(original: str, start: int, end: int, changes: Sequence[Change]) -> tuple[str, str]:
    left: list[str] = []
    right: list[str] = []
    pos = start
    for c in changes:
        same = _esc(original[pos : c.start])
        left.append(same)
        right.append(same)
        attrs = _attrs(c.record)
        for op, seg in char_segments(original[c.start : c.end], c.after):
            if op == EQUAL:
                left.append(_esc(seg))
                right.append(_esc(seg))
            elif op == DELETE:
                left.append(f"<del {attrs}>{_show(seg)}</del>")
            elif op == INSERT:
                right.append(f"<ins {attrs}>{_show(seg)}</ins>")
        if c.start == c.end or not original[c.start : c.end]:
            left.append(f'<del {attrs} aria-label="insertion point"></del>')
        if not c.after:
            right.append(f'<ins {attrs} aria-label="deleted here"></ins>')
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
) -> str:
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
            left, right = _row_html(original, a, b, row_changes)
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
        f"<tr><th>{_esc(k)}</th><td>{sum(c.values())}</td>"
        + "".join(f"<td>{c.get(d, 0)}</td>" for d in decisions)
        + "</tr>"
        for k, c in sorted(by_kind.items())
    )
    kinds_boxes = " ".join(
        f'<label><input type="checkbox" class="kind" value="{_esc(k)}" checked> {_esc(k)}</label>'
        for k in sorted(by_kind)
    )
    rec_rows = "".join(
        f'<tr class="rec" data-kind="{_esc(r.kind)}"><td>{_esc(r.id)}</td>'
        f"<td>{_esc('' if r.line is None else str(r.line))}</td><td>{_esc(r.kind)}</td>"
        f"<td>{_esc(r.detector)}</td>"
        f"<td>{float(r.confidence):.2f}</td><td>{_esc(r.decision)}</td>"
        f"<td><del>{_show(r.before)}</del> → "
        f"<ins>{_show(r.after) if r.after is not None else '—'}</ins></td>"
        f"<td>{_esc(r.message)}</td></tr>"
        for r in records
    )
    decision_heads = "".join(f"<th>{d}</th>" for d in decisions)
    meta = ""
    if header:
        meta = " · ".join(
            f"{_esc(k)}: {_esc(str(header[k]))}"
            for k in ("original", "encoding", "out_encoding", "newline", "records")
            if k in header
        )
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<title>corpusfix · {_esc(title)}</title><style>{_CSS}</style></head>
<body>
<header><h1>{_esc(title)}</h1><small>{meta}</small>
<table class="counts"><tr><th>kind</th><th>all</th>{decision_heads}</tr>
{count_rows}</table></header>
<nav><button id="prev" type="button">◀ previous change (p)</button>
<button id="next" type="button">next change (n) ▶</button> <span id="pos"></span>
<span id="nchanges">{len(changes)} changes</span> · {kinds_boxes}</nav>
<section><table class="sbs"><thead><tr><th></th><th>original</th><th>clean</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table></section>
<section><h2>All suggestions</h2><table class="recs"><thead><tr><th>id</th><th>line</th>
<th>kind</th><th>detector</th><th>confidence</th><th>decision</th><th>change</th><th>why</th></tr>
</thead><tbody>{rec_rows}</tbody></table></section>
<script>{_JS}</script>
</body></html>
"""
