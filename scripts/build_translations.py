"""Write resources/i18n/corpusfix_zh_CN.ts from the table below and compile it to .qm.

    python scripts/build_translations.py

The table is the translation source; `pyside6-lupdate src/corpusfix/gui/*.py -ts /tmp/x.ts`
lists the strings the code marks, to check nothing is missing. lrelease ships with PySide6.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from corpusfix.gui.actions import ACTIONS

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "corpusfix_zh_CN.ts"

ACTION_ZH = {
    "&Open…": "打开(&O)…",
    "Reopen with &Encoding…": "以其他编码重新打开(&E)…",
    "&Save Review": "保存审校进度(&S)",
    "&Export…": "导出(&E)…",
    "&Close Tab": "关闭标签页(&C)",
    "&Quit": "退出(&Q)",
    "&Undo": "撤销(&U)",
    "&Redo": "重做(&R)",
    "&Next Finding": "下一处(&N)",
    "&Previous Finding": "上一处(&P)",
    "&Accept": "接受(&A)",
    "&Reject": "拒绝(&R)",
    "&Edit Replacement…": "自己修改(&E)…",
    "Accept All of This &Kind": "接受本类全部(&K)",
    "&Ignore All Like This": "忽略所有同类(&I)",
    "Add to &Word List": "加入词表(&W)",
    "Next &Candidate": "下一个候选(&C)",
    "&Filter Findings": "筛选(&F)",
    "Next &Change in Diff": "对照中的下一处改动(&C)",
    "Previous Change in &Diff": "对照中的上一处改动(&D)",
    "Import &Word List…": "导入词表(&W)…",
    "E&xport Word List…": "导出词表(&X)…",
    "Import &Confusion Pairs…": "导入易混字对(&C)…",
    "Export Confusion &Pairs…": "导出易混字对(&P)…",
    "&Keyboard Shortcuts": "快捷键(&K)",
    "User &Guide": "用户手册(&G)",
}
CONTEXTS: dict[str, dict[str, str]] = {
    "actions": {spec.text: ACTION_ZH[spec.text] for spec in ACTIONS},
    "MainWindow": {
        "&File": "文件(&F)",
        "&Edit": "编辑(&E)",
        "&Review": "审校(&R)",
        "&View": "视图(&V)",
        "&Lists": "词表(&L)",
        "&Help": "帮助(&H)",
        "Open &Recent": "最近打开(&R)",
        "F8 next finding · Ctrl+Enter accept · Ctrl+Backspace reject": "F8 下一处 · Ctrl+Enter 接受 · Ctrl+Backspace 拒绝",
        "Open articles": "打开文章",
        "Text (*.txt);;All files (*)": "文本 (*.txt);;所有文件 (*)",
        "Reopen with encoding": "以其他编码重新打开",
        "Encoding": "编码",
        "'{0}' added to your word list": "“{0}”已加入词表",
        "Review saved to {0}": "审校进度已保存到 {0}",
        "Import list": "导入列表",
        "Export list": "导出列表",
        "Text files (*.txt);;All files (*)": "文本文件 (*.txt);;所有文件 (*)",
        "Text files (*.txt)": "文本文件 (*.txt)",
        "{0} entries added; reopen to re-check": "已加入 {0} 条；重新打开文章后生效",
        "{0} entries written to {1}": "已写出 {0} 条到 {1}",
        "Unsaved review": "审校进度未保存",
        "User guide": "用户手册",
        "{0} article(s) have decisions that are not saved. Save the review?": "{0} 篇文章有未保存的决定。要保存审校进度吗？",
    },
    "DocumentTab": {
        "Cancel": "取消",
        "Filter findings…": "筛选问题…",
        "Undecided only": "只看未处理",
        "Confidence": "置信度",
        "Article": "原文",
        "Changes (original | clean)": "改动对照（原文 | 清理后）",
        "Analysing {0}…": "正在分析 {0}…",
        "Analysis cancelled": "已取消分析",
        "{0}: {1}, {2} paragraphs ({3}), {4} findings{5}": "{0}：{1}，{2} 段（{3}），{4} 处问题{5}",
        " (saved review restored)": "（已恢复保存的审校进度）",
        "{0} of {1} shown · {2} undecided": "显示 {0} / {1} 处 · {2} 处未处理",
        " · checking for typos…": " · 正在检查错别字…",
    },
    "DetailPane": {
        "Why": "原因",
        "Detail": "说明",
        "Candidates": "候选",
        "Your own text (Return applies it)": "自己修改（回车生效）",
        "No finding selected": "未选中问题",
        "(delete)": "（删除）",
        "Go to the kept original (line {0})": "转到保留的原文（第 {0} 行）",
        "confidence": "置信度",
    },
    "ExportDialog": {
        "Export clean text": "导出清理后的文本",
        "Write the HTML report": "同时写出 HTML 报告",
        "Clean text": "清理后的文本",
        "Change log": "修改记录",
        "Report": "报告",
        "Encoding": "编码",
        "same as the input": "与原文相同",
        "{0} findings are still undecided; they are logged as pending.": "还有 {0} 处未处理，将记为待定。",
        "Every finding has been decided.": "所有问题都已处理。",
    },
    "FindingsModel": {"Findings": "问题"},
    "ShortcutsDialog": {"Keyboard shortcuts": "快捷键", "Action": "操作", "Shortcut": "快捷键"},
}


def write_ts() -> None:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        '<TS version="2.1" language="zh_CN">',
    ]
    for ctx, table in CONTEXTS.items():
        out.append(f"<context>\n    <name>{ctx}</name>")
        for src, dst in table.items():
            out.append(
                f"    <message>\n        <source>{escape(src)}</source>\n"
                f"        <translation>{escape(dst)}</translation>\n    </message>"
            )
        out.append("</context>")
    out.append("</TS>\n")
    TS.parent.mkdir(parents=True, exist_ok=True)
    TS.write_text("\n".join(out), encoding="utf-8")


def main() -> None:
    write_ts()
    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).with_name("pyside6-lrelease")
    )
    subprocess.run([lrelease, str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)


if __name__ == "__main__":
    main()
