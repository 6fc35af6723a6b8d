"""Every kind of finding, in one table: the CLI, the batch policy, the pipeline and the app derive
their lists from it, so a new kind is added here and nowhere else (tests/test_structure.py checks).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    id: str
    color: str  # the app's highlight, legend and findings tree
    explanation: str  # the app's "why" for a finding of this kind (the app speaks Chinese)
    flag_only: bool = False  # no replacement: the text is missing, nothing to apply
    detected: bool = True  # a detector finds it; False: a person's own edit, never --only/--accept


# In SPEC.md's order (the table of damage); ties between findings at one span sort in this order.
REGISTRY: tuple[Kind, ...] = (
    Kind("merge", "#cfe8ff", "分栏或分页把一段话截断了：建议把两部分接起来。"),
    Kind("split", "#e3d7ff", "标题或署名粘在了正文上：建议另起一段。"),
    Kind("duplicate", "#ffd6d6", "这一行是别处文字的重复：建议删除重复的一份。"),
    Kind(
        "truncation",
        "#ffe2b3",
        "这里缺了文字（原文被截断或列举缺项），无法自动补全，请对照版面核实。",
        flag_only=True,
    ),
    Kind("furniture", "#e0e0e0", "电子版的版面残留（转版提示、页码、页眉）：建议删除。"),
    Kind("typo", "#fff3a0", "疑似错别字：建议改正。"),
    Kind("variant", "#d9f7d0", "混入了繁体或异体字：建议统一为本文的字形。"),
    Kind("punctuation", "#c8f0ec", "中文里夹了半角标点：建议改为全角。"),
    Kind("whitespace", "#f3d1f0", "多余的空格或不可见字符：建议删除。"),
    Kind("encoding", "#ffc9a8", "这一段编码不对（乱码）：建议换成正确解码的文字。"),
    # An edit a person typed in the app (decision "edited", detector "manual"): already decided.
    Kind("manual", "#d0d7ff", "你在文中直接作的修改。", detected=False),
)

BY_ID: dict[str, Kind] = {k.id: k for k in REGISTRY}
ALL_KINDS: tuple[str, ...] = tuple(k.id for k in REGISTRY)
# What detectors find, what --only and --accept take, and what "all" means there.
DETECTED_KINDS: tuple[str, ...] = tuple(k.id for k in REGISTRY if k.detected)
FLAG_ONLY_KINDS: frozenset[str] = frozenset(k.id for k in REGISTRY if k.flag_only)
MANUAL = "manual"
