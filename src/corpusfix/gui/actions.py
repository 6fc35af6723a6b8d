"""Every user action under an id with a default shortcut (calibre's keyboard manager, Meld)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("actions", text)


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    shortcut: str
    slot: str  # MainWindow method, or "tab:METHOD[:ARG]" for the current document tab


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("file.open", "&Open…", "Ctrl+O", "open_dialog"),
    ActionSpec(
        "file.reopen_encoding", "Reopen with &Encoding…", "Ctrl+Shift+E", "reopen_with_encoding"
    ),
    ActionSpec("file.save_review", "&Save Review", "Ctrl+S", "save_review"),
    ActionSpec("file.export", "&Export…", "Ctrl+E", "export_dialog"),
    ActionSpec("file.close", "&Close Tab", "Ctrl+W", "close_current_tab"),
    ActionSpec("file.quit", "&Quit", "Ctrl+Q", "close"),
    ActionSpec("edit.undo", "&Undo", "Ctrl+Z", "tab:undo"),
    ActionSpec("edit.redo", "&Redo", "Ctrl+Shift+Z", "tab:redo"),
    ActionSpec("edit.find", "&Find in Text…", "Ctrl+F", "tab:open_find"),
    ActionSpec("edit.replace", "&Replace in Text…", "Ctrl+H", "tab:open_replace"),
    ActionSpec("review.next", "&Next Finding", "F8", "tab:next_finding:1"),
    ActionSpec("review.previous", "&Previous Finding", "Shift+F8", "tab:next_finding:-1"),
    ActionSpec("review.accept", "&Accept", "Ctrl+Return", "tab:accept_current"),
    ActionSpec("review.reject", "&Reject", "Ctrl+Backspace", "tab:reject_current"),
    ActionSpec("review.edit", "&Edit Replacement…", "Ctrl+Shift+Return", "tab:focus_edit"),
    ActionSpec(
        "review.accept_kind",
        "Accept All of This &Kind (at ≥ Confidence)",
        "Ctrl+Alt+Return",
        "tab:accept_all_kind",
    ),
    ActionSpec("review.accept_shown", "Accept All &Shown", "Ctrl+Alt+A", "tab:accept_shown"),
    ActionSpec(
        "review.reject_shown", "Reject All Sho&wn", "Ctrl+Alt+Backspace", "tab:reject_shown"
    ),
    ActionSpec("review.ignore_like", "&Ignore All Like This", "Ctrl+I", "tab:ignore_all_like"),
    ActionSpec("review.add_word", "Add to &Word List", "Ctrl+Shift+W", "add_to_wordlist"),
    ActionSpec("review.next_candidate", "Next &Candidate", "Alt+Down", "tab:next_candidate"),
    ActionSpec("view.filter", "&Filter Findings", "Ctrl+L", "tab:focus_filter"),
    ActionSpec("view.preview", "Clean &Preview", "F9", "tab:toggle_preview"),
    ActionSpec("view.next_change", "Next &Change in Diff", "Alt+N", "tab:step_change:1"),
    ActionSpec("view.previous_change", "Previous Change in &Diff", "Alt+P", "tab:step_change:-1"),
    # Ctrl+PgDn / Ctrl+PgUp: the tabs within an article; Ctrl+Tab: the open articles (as in
    # browsers and editors that have both).
    ActionSpec("view.next_tab", "Next &Tab (Article / Changes)", "Ctrl+PgDown", "tab:step_view:1"),
    ActionSpec(
        "view.previous_tab", "Previous T&ab (Article / Changes)", "Ctrl+PgUp", "tab:step_view:-1"
    ),
    ActionSpec("view.next_article", "Next A&rticle", "Ctrl+Tab", "next_article"),
    ActionSpec("view.previous_article", "Previous Art&icle", "Ctrl+Shift+Tab", "previous_article"),
    ActionSpec("view.larger_font", "&Larger Text", "Ctrl++", "larger_font"),
    ActionSpec("view.smaller_font", "&Smaller Text", "Ctrl+-", "smaller_font"),
    ActionSpec("view.normal_font", "N&ormal Text Size", "Ctrl+0", "normal_font"),
    ActionSpec("lists.import_words", "Import &Word List…", "Ctrl+Alt+W", "import_words"),
    ActionSpec("lists.export_words", "E&xport Word List…", "Ctrl+Alt+Shift+W", "export_words"),
    ActionSpec(
        "lists.import_confusions", "Import &Confusion Pairs…", "Ctrl+Alt+C", "import_confusions"
    ),
    ActionSpec(
        "lists.export_confusions",
        "Export Confusion &Pairs…",
        "Ctrl+Alt+Shift+C",
        "export_confusions",
    ),
    ActionSpec("lists.manage", "&Manage Lists…", "Ctrl+Alt+L", "manage_lists"),
    ActionSpec("help.shortcuts", "&Keyboard Shortcuts", "Ctrl+?", "show_shortcuts"),
    ActionSpec("help.guide", "User &Guide", "F1", "show_guide"),
)


def translated(spec: ActionSpec) -> str:
    return _t(spec.text)
