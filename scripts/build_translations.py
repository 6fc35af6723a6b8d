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
    "Accept All of This &Kind (at ≥ Confidence)": "接受本类全部（置信度不低于所设值）(&K)",
    "Accept All &Shown": "接受显示的全部(&S)",
    "Reject All Sho&wn": "拒绝显示的全部(&W)",
    "&Find in Text…": "在文中查找(&F)…",
    "&Replace in Text…": "在文中替换(&R)…",
    "Clean &Preview": "清理后预览(&P)",
    "Next &Tab (Article / Changes)": "下一个标签页（原文 / 改动对照）(&T)",
    "Previous T&ab (Article / Changes)": "上一个标签页（原文 / 改动对照）(&A)",
    "Next A&rticle": "下一篇文章(&R)",
    "Previous Art&icle": "上一篇文章(&I)",
    "&Larger Text": "放大文字(&L)",
    "&Smaller Text": "缩小文字(&S)",
    "N&ormal Text Size": "正常文字大小(&O)",
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
    "&Manage Lists…": "管理词表(&M)…",
}
CONTEXTS: dict[str, dict[str, str]] = {
    # The marker ui_language() reads: the app speaks Chinese when this translation is loaded.
    "corpusfix": {"en": "zh"},
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
        "<b>No article open.</b>": "<b>还没有打开文章。</b>",
        "Open one with Ctrl+O, or drop text files here.": "按 Ctrl+O 打开，或把文本文件拖到这里。",
        "F8 goes to the next finding, Ctrl+Enter accepts it, Ctrl+Backspace rejects it; Ctrl+? "
        "lists every shortcut, F1 opens the guide.": "F8 转到下一处问题，Ctrl+Enter 接受，"
        "Ctrl+Backspace 拒绝；Ctrl+? 列出全部快捷键，F1 打开用户手册。",
        "Could not open {0}: {1}": "无法打开 {0}：{1}",
        "Open articles": "打开文章",
        "Text and PDF (*.txt *.pdf);;All files (*)": "文本和 PDF (*.txt *.pdf);;所有文件 (*)",
        "Reopen with encoding": "以其他编码重新打开",
        "Encoding of {0}:": "{0} 的编码：",
        "Encoding": "编码",
        "'{0}' added to your word list": "“{0}”已加入词表",
        "Review saved to {0}": "审校进度已保存到 {0}",
        "Exported to {0}": "已导出到 {0}",
        "Font size {0} pt": "文字大小 {0} 磅",
        "Import list": "导入列表",
        "Export list": "导出列表",
        "Text files (*.txt);;All files (*)": "文本文件 (*.txt);;所有文件 (*)",
        "Text files (*.txt)": "文本文件 (*.txt)",
        "{0} entry added; reopen to re-check": "已加入 {0} 条；重新打开文章后生效",
        "{0} entries added; reopen to re-check": "已加入 {0} 条；重新打开文章后生效",
        "{0} entry written to {1}": "已写出 {0} 条到 {1}",
        "{0} entries written to {1}": "已写出 {0} 条到 {1}",
        "Unsaved review": "审校进度未保存",
        "User guide": "用户手册",
        "Restore the review?": "恢复审校进度吗？",
        "corpusfix was closed without saving the review of {0}: {1} decision, made at {2}. "
        "Restore it?": "corpusfix 上次关闭时没有保存 {0} 的审校进度：共 {1} 个决定，在 {2}。"
        "要恢复吗？",
        "corpusfix was closed without saving the review of {0}: {1} decisions, the last at "
        "{2}. Restore them?": "corpusfix 上次关闭时没有保存 {0} 的审校进度：共 {1} 个决定，"
        "最后一个在 {2}。要恢复吗？",
        "{0} article has decisions that are not saved. Save the review?": "{0} 篇文章有未保存的决定。要保存审校进度吗？",
        "{0} articles have decisions that are not saved. Save the review?": "{0} 篇文章有未保存的决定。要保存审校进度吗？",
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
        "{0}: {1}, {2} ({3}), {4}{5}": "{0}：{1}，{2}（{3}），{4}{5}",
        "{0} paragraph": "{0} 段",
        "{0} paragraphs": "{0} 段",
        "{0} finding": "{0} 处问题",
        "{0} findings": "{0} 处问题",
        " (saved review restored)": "（已恢复保存的审校进度）",
        "{0} of {1} shown · {2} undecided": "显示 {0} / {1} 处 · {2} 处未处理",
        " · checking for typos…": " · 正在检查错别字…",
        "No finding selected": "未选中问题",
        "This finding only flags a place: there is no text to edit": "这处问题只是标记位置：没有可修改的文字",
        "Nothing applied: the box is empty (to delete the text, use Delete)": "没有修改：输入框是空的（要删除这段文字，请用“删除文字”）",
        "Nothing to undo or redo": "没有可撤销或重做的操作",
        "Could not autosave the review: {0}": "无法自动保存审校进度：{0}",
        "Accepting all {0} findings at ≥ {1:.2f}…": "正在接受全部 {0} 处置信度不低于 {1:.2f} 的问题…",
        "Accepting the findings shown…": "正在接受显示的问题…",
        "Rejecting the findings shown…": "正在拒绝显示的问题…",
        "Cancelled: no decision was changed": "已取消：没有改动任何决定",
        "Cancelled: nothing was replaced": "已取消：一处也没有替换",
        "Replacing every '{0}'…": "正在替换所有“{0}”…",
        "Showing the changes…": "正在显示改动…",
        "{0} finding decided (Ctrl+Z takes it back)": "已处理 {0} 处问题（Ctrl+Z 可撤销）",
        "{0} findings decided (Ctrl+Z takes them back)": "已处理 {0} 处问题（Ctrl+Z 可撤销）",
        "The clean preview cannot be edited (F9 goes back)": "清理后预览不能编辑（按 F9 返回）",
        "'{0}' is not in the text": "文中没有“{0}”",
        "{0} replaced": "已替换 {0} 处",
        "; {0} left where a decided change holds the text": "；{0} 处因已有决定而保留",
        # the analysis worker's steps (workers.py), shown in the status bar
        "loading": "正在读取",
        "detecting": "正在检查",
        "checking typos": "正在检查错别字",
    },
    "DetailPane": {
        "Why": "原因",
        "Detail": "说明",
        "Candidates": "候选",
        "Your own text (Return applies it)": "自己修改（回车生效）",
        "Delete text": "删除文字",
        "Delete the marked text": "删去标出的文字",
        "Join the lines": "把两行接起来",
        "No finding selected": "未选中问题",
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
        "Browse…": "浏览…",
        "Save as": "另存为",
        "Clean text: {0}": "清理后的文本：{0}",
        "Change log: {0}": "修改记录：{0}",
        "Report: {0}": "报告：{0}",
        "{0} of these files exists and will be replaced.": "其中 {0} 个文件已存在，将被替换。",
        "{0} of these files exist and will be replaced.": "其中 {0} 个文件已存在，将被替换。",
        "Export these files?": "导出这些文件吗？",
        "{0} finding is still undecided; it is logged as pending.": "还有 {0} 处未处理，将记为待定。",
        "{0} findings are still undecided; they are logged as pending.": "还有 {0} 处未处理，将记为待定。",
        "Every finding has been decided.": "所有问题都已处理。",
    },
    "FindingsModel": {"Findings": "问题", "join": "接起来"},
    "ArticleView": {
        "Copy": "复制",
        "Select All": "全选",
        "The clean preview cannot be edited (F9 goes back)": "清理后预览不能编辑（按 F9 返回）",
    },
    "BulkRun": {"Cancel": "取消", "Showing the changes…": "正在显示改动…"},
    "FindBar": {
        "Find in the text": "在文中查找",
        "Replace with": "替换为",
        "Replace": "替换",
        "Next": "下一个",
        "Previous": "上一个",
        "Replace All": "全部替换",
        "Close": "关闭",
        "Find": "查找",
    },
    "ShortcutsDialog": {
        "Keyboard shortcuts": "快捷键",
        "Action": "操作",
        "Shortcut": "快捷键",
        "Menu": "菜单",
    },
    "ListPage": {
        "Search…": "搜索…",
        "Remove selected": "删除选中的条目",
        "{0} of {1} entry": "显示 {0} / {1} 条",
        "{0} of {1} entries": "显示 {0} / {1} 条",
    },
    "ListsDialog": {
        "Your word lists": "我的词表",
        "Changes apply to articles opened (or reopened) from now on.": "修改对此后打开（或重新打开）的文章生效。",
        "Words never flagged": "不再标记的词",
        "Confusion pairs always checked": "总要检查的易混字对",
    },
    "ReviewWindow": {
        "corpusfix — QA review": "corpusfix — 质检复核",
        "&Review": "复核(&R)",
        "&Approve change": "通过这处改动(&A)",
        "&Revert change": "撤回这处改动(&R)",
        "Approve all in &file": "通过本文件全部改动(&F)",
        "Revert this &kind in file": "撤回本文件中这一类改动(&K)",
        "Approve everything &unreviewed": "通过所有未复核的改动(&U)",
        "&Next change": "下一处改动(&N)",
        "&Previous change": "上一处改动(&P)",
        "Next f&ile": "下一个文件(&I)",
        "Previous fi&le": "上一个文件(&L)",
        "&Save (regenerate clean files)": "保存（重新生成清理后的文件）(&S)",
        "&Larger text": "放大文字(&L)",
        "&Smaller text": "缩小文字(&S)",
        "N&ormal text size": "正常文字大小(&O)",
        "file": "文件",
        "changes": "改动数",
        "kinds": "类别",
        "lowest confidence": "最低置信度",
        "reviewed": "已复核",
        "id": "编号",
        "kind": "类别",
        "detector": "检测器",
        "confidence": "置信度",
        "decision": "决定",
        "verdict": "复核结论",
        "change": "改动",
        "why": "原因",
        "evidence": "依据",
        "{0}: {1} change, {2} reviewed, {3} reverted": "{0}：{1} 处改动，已复核 {2} 处，撤回 {3} 处",
        "{0}: {1} changes, {2} reviewed, {3} reverted": "{0}：{1} 处改动，已复核 {2} 处，撤回 {3} 处",
        "Clean files and change logs regenerated": "已重新生成清理后的文件、修改记录和报告",
        "Unsaved verdicts": "复核结论未保存",
        "The verdicts on {0} file are not saved. Regenerate it now?": "{0} 个文件的复核结论还没有保存。现在重新生成吗？",
        "The verdicts on {0} files are not saved. Regenerate them now?": "{0} 个文件的复核结论还没有保存。现在重新生成吗？",
        "Not saved": "未保存",
    },
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
