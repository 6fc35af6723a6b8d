"""One open article: findings panel, highlighted text, detail pane and live diff.

Every decision goes through the engine's ReviewSession (undo/redo included); this widget only
shows the session and forwards keystrokes to it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from corpusfix.api import Settings, wordlist_token
from corpusfix.config import add_to_user_wordlist, remove_entries
from corpusfix.core.background_writer import shared_writer
from corpusfix.core.changelog import LogRecord, build_changelog
from corpusfix.core.document import Document
from corpusfix.core.errors import ConflictError
from corpusfix.core.kinds import MANUAL
from corpusfix.core.labels import kind_name, mode_name
from corpusfix.core.review_state import (
    Autosave,
    autosave_dir,
    autosave_path,
    discard_autosave,
    load_review,
    read_autosave,
    restore_state,
    save_review,
    snapshot,
    write_autosave,
)
from corpusfix.core.session import (
    POLICY,
    BulkDecision,
    BulkReplace,
    ReviewSession,
    State,
    utc_now,
)
from corpusfix.core.suggestion import KINDS, Suggestion
from corpusfix.export.diff_rows import DiffChange, session_changes
from corpusfix.gui.bulk import BulkRun, Sliced
from corpusfix.gui.detail_pane import DetailPane
from corpusfix.gui.diff_view import DiffView
from corpusfix.gui.find_replace import FindBar
from corpusfix.gui.findings_model import (
    ID_ROLE,
    FindingFilter,
    FindingsModel,
    FindingsProxy,
    Ranges,
    merge_ranges,
)
from corpusfix.gui.flow_layout import FlowLayout
from corpusfix.gui.i18n import plural, ui_language
from corpusfix.gui.legend import Legend
from corpusfix.gui.positions import PositionMap
from corpusfix.gui.redline import Redline, qt_len
from corpusfix.gui.text_view import ArticleView
from corpusfix.gui.workers import AnalysisWorker


class FindingsTree(QTreeView):
    """Return accepts, Delete/Backspace rejects: one keystroke per decision."""

    accept_pressed = Signal()
    reject_pressed = Signal()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.accept_pressed.emit()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.reject_pressed.emit()
            return
        super().keyPressEvent(event)


AUTOSAVE_DELAY_MS = 700
# More changed findings than this at once (an undo of a bulk decision): the views catch up a
# slice at a time (gui/bulk.py), not in one stall.
SLICED_FROM = 300
LABEL_CHUNK = 200


class DocumentTab(QWidget):
    loaded = Signal()  # the analysis is complete (typo check included)
    previewed = Signal()  # a big article's fast findings are on screen
    failed = Signal(str)
    status = Signal(str)
    _autosave_failed = Signal(str)  # emitted on the autosave thread, shown on the GUI thread

    def __init__(self, path: Path, settings: Settings, reviewer: str) -> None:
        super().__init__()
        self._autosave_failed.connect(self._report_autosave_failure)
        self.path = path
        self.settings = settings
        self.reviewer = reviewer
        self.session: ReviewSession | None = None
        # Asked when an autosave of this article was left behind (a crash): restore it?
        # (None: not now, keep it for the next start)
        self.ask_restore: Callable[[Autosave], bool | None] = lambda _saved: True
        self._final = True  # False while a preview waits for the typo check
        self._keep: str | None = None  # the finding to reselect after the typo check
        self._restored = False
        self._anchor: Suggestion | None = None  # the last finding shown (filters keep near it)
        self._reselected = False
        self._refilter_done = False
        self.worker: AnalysisWorker | None = None
        self.bulk: BulkRun | None = None  # the bulk decision under way, or the last one
        self._refresh: Sliced | None = None  # the views catching up with many changes
        self._unannounced: Ranges = {}  # rows relabelled in slices, not yet told to the views
        self._bulk_from: Suggestion | None = None
        self.dirty = False
        # Words "ignore all like this" put on the word list, with the findings it decided
        # (undo takes the word back; redo puts it on again).
        self._words_added: list[tuple[frozenset[str], str]] = []
        self._words_undone: list[tuple[frozenset[str], str]] = []
        self._base: tuple[str, PositionMap] | None = None  # the article's own position map
        # Decisions reach the autosave within a second (never before a left-behind autosave
        # has been offered back, which would overwrite it).
        self._autosave_ready = False
        self._autosave_folder = autosave_dir()  # fixed now: a timer may fire at any later time
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.autosave)
        self._build()

    # ----- layout -----
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        top = QHBoxLayout()
        self.info = QLabel()
        top.addWidget(self.info, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        outer.addLayout(top)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText(self.tr("Filter findings…"))
        self.filter_box.textChanged.connect(self._filter_changed)
        lv.addWidget(self.filter_box)
        facets = QHBoxLayout()
        self.min_conf = QDoubleSpinBox()
        self.min_conf.setRange(0.0, 1.0)
        self.min_conf.setSingleStep(0.05)
        self.min_conf.setPrefix("≥ ")
        self.min_conf.valueChanged.connect(self._filter_changed)
        self.hide_decided = QCheckBox(self.tr("Undecided only"))
        self.hide_decided.toggled.connect(self._filter_changed)
        facets.addWidget(QLabel(self.tr("Confidence")))
        facets.addWidget(self.min_conf)
        facets.addWidget(self.hide_decided)
        lv.addLayout(facets)
        self.kind_boxes: dict[str, QCheckBox] = {}
        kinds_row = QWidget()
        kl = FlowLayout(kinds_row)  # wraps: eleven kinds must not widen the window
        for kind in KINDS:
            box = QCheckBox(kind_name(kind, ui_language()))
            box.setChecked(True)
            box.toggled.connect(self._filter_changed)
            box.setVisible(False)
            self.kind_boxes[kind] = box
            kl.addWidget(box)
        lv.addWidget(kinds_row)
        self.model = FindingsModel()
        self.proxy = FindingsProxy()
        self.proxy.setSourceModel(self.model)
        self.proxy.refiltered.connect(self._refiltered)
        self.tree = FindingsTree()  # its model is attached once the detail pane exists
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)  # one-line rows: no size check per changed row
        # A narrow list cuts the context, not the confidence and [state] at the row's end
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        # The tree's current row is the current finding (mouse, arrows, F8 alike); a click
        # on it again brings it back into view in the article.
        self.tree.clicked.connect(self._tree_clicked)
        self.tree.accept_pressed.connect(self.accept_current)
        self.tree.reject_pressed.connect(self.reject_current)
        lv.addWidget(self.tree, 1)
        self.shown_label = QLabel()
        lv.addWidget(self.shown_label)
        split.addWidget(left)

        center = QWidget()
        cv = QVBoxLayout(center)
        cv.setContentsMargins(0, 0, 0, 0)
        cv.addWidget(Legend())
        self.views = QTabWidget()
        self.article = ArticleView()
        self.diff = DiffView()
        self.views.addTab(self.article, self.tr("Article"))
        self.views.addTab(self.diff, self.tr("Changes (original | clean)"))
        self.diff_stale = True  # the Changes tab no longer shows the session's changes
        self._diff_known: dict[str, DiffChange] = {}  # its changes, reused while unchanged
        self.views.currentChanged.connect(lambda _i: self._show_diff_if_shown())
        cv.addWidget(self.views, 1)
        self.article.edit_requested.connect(self._article_edit)
        self.article.refused.connect(self.status.emit)
        self.article.state_of = self._state_of
        self.find_bar = FindBar()
        self.find_bar.find_requested.connect(lambda text, back: self.find_text(text, back))
        self.find_bar.replace_requested.connect(lambda a, b: self.replace_one(a, b))
        self.find_bar.replace_all_requested.connect(lambda a, b: self.replace_all(a, b))
        self.find_bar.closed.connect(self.article.setFocus)
        cv.addWidget(self.find_bar)
        split.addWidget(center)

        self.detail = DetailPane()
        self.detail.edit_submitted.connect(self.submit_edit)
        self.detail.delete_requested.connect(self.delete_current)
        self.detail.candidate_chosen.connect(self.accept_candidate)
        self.detail.jump_requested.connect(self._jump_to_offset)
        split.addWidget(self.detail)
        split.setSizes([330, 700, 330])
        outer.addWidget(split, 1)
        self._attach_tree_model(self.proxy)

    # ----- analysis -----
    def start(self, pool: QThreadPool | None = None) -> None:
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.info.setText(self.tr("Analysing {0}…").format(self.path.name))
        self.worker = AnalysisWorker(self.path, self.settings)
        self.worker.signals.preview.connect(self._previewed)
        self.worker.signals.finished.connect(self._analysed)
        self.worker.signals.failed.connect(self._failed)
        # The worker's steps ("loading", "detecting"…) in the UI language
        self.worker.signals.progress.connect(lambda step: self.status.emit(self.tr(step)))
        (pool or QThreadPool.globalInstance()).start(self.worker)

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.info.setText(self.tr("Analysis cancelled"))

    def _failed(self, message: str) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.info.setText(message)
        self.failed.emit(message)

    def _previewed(self, doc: Document, found: list[Suggestion]) -> None:
        """The fast findings of a big article: reviewable now, the typo check still running."""
        self.session = ReviewSession(doc, found)
        self.proxy.session = self.session
        self.article.show_text(doc.text)
        self._base = (doc.text, self.article.positions.base)  # built once per article
        self._restored = False
        self._final = False
        self._attach_tree_model(None)
        self._filling = self.model.populate_steps(self.session, found)
        QTimer.singleShot(0, self._fill_step)

    def _analysed(self, doc: Document, found: list[Suggestion]) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        if self.session is not None and self.session.doc is doc:
            self._refine(found)
            return
        self.session = ReviewSession(doc, found)
        self._final = True
        restored = load_review(self.session, self.path)
        self.proxy.session = self.session
        self.article.show_text(doc.text)
        self._base = (doc.text, self.article.positions.base)  # built once per article
        self._restored = restored is not None
        self._offer_autosave()
        # The findings list fills a chunk per event-loop turn: no long stall on big articles.
        self._attach_tree_model(None)
        self._filling = self.model.populate_steps(self.session, found)
        QTimer.singleShot(0, self._fill_step)

    def _refine(self, found: list[Suggestion]) -> None:
        """The complete list after the typo check: decisions made meanwhile carry over."""
        assert self.session is not None
        current = self.current.id if self.current is not None else None
        mapping = self.session.add_late(found)
        self._final = True
        own = any(d.by != POLICY for d in self.session.decisions.values())
        if not own:
            self._restored = load_review(self.session, self.path) is not None
        self._offer_autosave(keep_decided=own)
        self._keep = mapping.get(current) if current else None
        self._attach_tree_model(None)
        self._filling = self.model.populate_steps(self.session, self.session.suggestions)
        QTimer.singleShot(0, self._fill_step)

    def _fill_step(self) -> None:
        if next(self._filling, None) is not None:
            QTimer.singleShot(0, self._fill_step)
            return
        assert self.session is not None
        found = self.session.suggestions
        doc = self.session.doc
        restored = self._restored
        self._attach_tree_model(self.proxy)
        self.tree.expandAll()
        for kind, box in self.kind_boxes.items():
            box.setVisible(any(s.kind == kind for s in found))
        paragraphs = plural(
            len(doc.paragraphs), self.tr("{0} paragraph"), self.tr("{0} paragraphs")
        )
        findings = plural(len(found), self.tr("{0} finding"), self.tr("{0} findings"))
        self.info.setText(
            self.tr("{0}: {1}, {2} ({3}), {4}{5}").format(
                self.path.name,
                doc.encoding.replace("_", "-"),
                paragraphs.format(len(doc.paragraphs)),
                mode_name(doc.paragraph_mode, ui_language()),
                findings.format(len(found)),
                self.tr(" (saved review restored)") if restored else "",
            )
        )
        if not self._final:
            self.info.setText(self.info.text() + self.tr(" · checking for typos…"))
        self._update_shown()
        self._show_redline()  # decisions restored from a saved review or an autosave
        self._refresh_diff()
        keep = self.session.get(self._keep) if self._keep else None
        self._keep = None
        if keep is None or not self.select(keep):
            self.select(None)
            self.next_finding()  # selects the first finding and paints what is on screen
        # The article's objects (findings, items, redline) live as long as the tab: out of
        # the collector's sight, a full collection no longer walks them all (230 ms on the
        # 3.5 MB article, in the middle of a bulk decision).
        gc.freeze()
        (self.loaded if self._final else self.previewed).emit()

    # ----- the current finding: the findings tree's current row, nothing else -----
    @property
    def current(self) -> Suggestion | None:
        """The finding every view shows and every decision goes to."""
        return self._finding_at(self.tree.currentIndex())

    def _finding_at(self, index: QModelIndex | QPersistentModelIndex) -> Suggestion | None:
        sid = index.data(ID_ROLE) if index.isValid() else None
        if sid is None or self.session is None:
            return None
        try:
            return self.session.get(sid)
        except KeyError:  # a row of a list being refilled
            return None

    def _attach_tree_model(self, model: FindingsProxy | None) -> None:
        """setModel replaces the selection model: follow the new one's current row."""
        old = self.tree.selectionModel()
        self.tree.setModel(model)
        if old is not None and old is not self.tree.selectionModel():
            old.deleteLater()
        if model is not None:
            self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self._show_current()

    def _current_changed(self, *_args: object) -> None:
        self._show_current()

    def _show_current(self, follow: bool = True) -> None:
        """Bring the detail pane and the article to the tree's current finding (``follow``
        False: the article stays where the person is typing)."""
        s = self.current
        self.detail.show_finding(s, self.session)
        if s is not None:
            self._anchor = s
            if follow:
                self.article.show_finding(s, paint=False)  # _highlight paints it
        self._highlight()

    # ----- navigation -----
    def visible_findings(self) -> list[Suggestion]:
        if self.session is None:
            return []
        return list(self.proxy.visible())  # (the proxy worked the filter out once)

    def next_finding(self, step: int = 1) -> None:
        items = self.visible_findings()
        if not items:
            self.select(None)
            return
        if self.current is None:
            self.select(items[0] if step > 0 else items[-1])
            return
        key = (self.current.start, self.current.id)
        if step > 0:
            after = [s for s in items if (s.start, s.id) > key]
            self.select(after[0] if after else items[0])
        else:
            before = [s for s in items if (s.start, s.id) < key]
            self.select(before[-1] if before else items[-1])

    def next_undecided(self, after: Suggestion | None = None) -> None:
        """After a decision: the next pending finding after that one (wrapping around)."""
        if self.session is None:
            return
        after = after or self.current
        target = self._next_undecided(after)
        if target is not None:
            self.select(target)
            return
        if after is not None and self.select(after):
            return
        self.next_finding()

    def _next_undecided(self, after: Suggestion | None) -> Suggestion | None:
        """The next pending finding shown after ``after`` (wrapping around); None: none."""
        if self.session is None:
            return None
        state = self.session.state
        items = [s for s in self.visible_findings() if state(s.id) is State.PENDING]
        key = (after.start, after.id) if after else (-1, "")
        later = [s for s in items if (s.start, s.id) > key]
        return later[0] if later else (items[0] if items else None)

    def select(self, s: Suggestion | None) -> bool:
        """Make s the current finding (None: no finding); False when the list does not show it."""
        index = QModelIndex()
        if s is not None:
            item = self.model.items.get(s.id)
            if item is not None and self.tree.model() is self.proxy:
                index = self.proxy.mapFromSource(item.index())
            if not index.isValid():
                return False
        if index == self.tree.currentIndex():
            self._show_current()  # the same row: just bring it back into view
        else:
            self.tree.setCurrentIndex(index)  # currentChanged shows it everywhere
        if index.isValid():
            self.tree.scrollTo(index)
        return True

    def _tree_clicked(self, index: QModelIndex) -> None:
        if index == self.tree.currentIndex():
            self._show_current()

    def _jump_to_offset(self, offset: int) -> None:
        cursor = self.article.textCursor()
        cursor.setPosition(self.article.positions.to_qt(offset))
        self.article.setTextCursor(cursor)
        self.article.centerCursor()
        self.views.setCurrentWidget(self.article)

    # ----- decisions -----
    @property
    def busy(self) -> bool:
        """A bulk action, or the views catching up with one, is under way."""
        return any(job is not None and job.running for job in (self.bulk, self._refresh))

    def finish_running(self) -> None:
        """Before any other change: what is under way runs to its end (undo order, views)."""
        for job in (self.bulk, self._refresh):
            if job is not None and job.running:
                job.finish_now()

    def _decide(self, action: str, text: str | None = None, candidate: int = 0) -> bool:
        self.finish_running()
        s, session = self.current, self.session
        if s is None or session is None:
            self.status.emit(self.tr("No finding selected"))
            return False
        if action == "edit" and s.flag_only:
            self.status.emit(self.tr("This finding only flags a place: there is no text to edit"))
            return False
        try:
            if action == "accept":
                if s.flag_only:
                    session.reject(s.id, by=self.reviewer)  # "seen": flags have nothing to apply
                else:
                    session.accept(s.id, by=self.reviewer, candidate=candidate)
            elif action == "reject":
                session.reject(s.id, by=self.reviewer)
            elif action == "edit":
                session.edit(s.id, text or "", by=self.reviewer)
        except ConflictError as exc:
            self.status.emit(str(exc))
            return False
        self._after_change([s.id])
        self.next_undecided(after=s)
        return True

    def accept_current(self) -> bool:
        return self._decide("accept")

    def accept_candidate(self, index: int) -> bool:
        try:
            return self._decide("accept", candidate=index)
        finally:
            self.tree.setFocus()

    def reject_current(self) -> bool:
        return self._decide("reject")

    def submit_edit(self, text: str) -> bool:
        """Return in the "your own text" box. Empty text is not a deletion (that is the
        explicit Delete button); either way the keyboard goes back to the findings list."""
        try:
            if not text:
                self.status.emit(
                    self.tr("Nothing applied: the box is empty (to delete the text, use Delete)")
                )
                return False
            return self._decide("edit", text=text)
        finally:
            self.tree.setFocus()

    def delete_current(self) -> bool:
        """The explicit choice to delete the finding's text."""
        try:
            return self._decide("edit", text="")
        finally:
            self.tree.setFocus()

    def focus_filter(self) -> None:
        self.filter_box.setFocus()
        self.filter_box.selectAll()

    def focus_edit(self) -> None:
        self.detail.edit.setFocus()
        self.detail.edit.selectAll()

    def next_candidate(self) -> None:
        lst = self.detail.candidates
        if lst.count():
            lst.setCurrentRow((lst.currentRow() + 1) % lst.count())
            lst.setFocus()

    # ----- bulk decisions (gui/bulk.py: sliced, with progress and cancel; one undo step) -----
    def accept_all_kind(self) -> BulkRun | None:
        """Accept every pending finding of the current one's kind at ≥ the confidence box."""
        if self.current is None:
            return None
        kind, floor = self.current.kind, self.min_conf.value()
        label = self.tr("Accepting all {0} findings at ≥ {1:.2f}…").format(
            kind_name(kind, ui_language()), floor
        )  # (the kind's name in the UI language, not its id)
        return self.run_bulk("accept", label, kinds=[kind], min_confidence=floor)

    def accept_shown(self) -> BulkRun | None:
        ids = [s.id for s in self.visible_findings()]
        return self.run_bulk("accept", self.tr("Accepting the findings shown…"), ids=ids)

    def reject_shown(self) -> BulkRun | None:
        ids = [s.id for s in self.visible_findings()]
        return self.run_bulk("reject", self.tr("Rejecting the findings shown…"), ids=ids)

    def run_bulk(
        self,
        action: str,
        label: str,
        *,
        ids: list[str] | None = None,
        kinds: list[str] | None = None,
        min_confidence: float = 0.0,
    ) -> BulkRun | None:
        if self.session is None:
            return None
        self.finish_running()  # (a cancelled run still putting its decisions back, say)
        decision = BulkDecision(
            self.session, action, ids=ids, kinds=kinds, min_confidence=min_confidence,
            by=self.reviewer,
        )  # fmt: skip
        return self._start_bulk(decision, label, self._bulk_done)

    def _start_bulk(
        self,
        bulk: BulkDecision | BulkReplace,
        label: str,
        done: Callable[[list[str], bool], None],
        follow: bool = True,
    ) -> BulkRun:
        """``follow``: afterwards, the next undecided finding after the current one."""
        self._bulk_from = self.current if follow else None
        run = BulkRun(self, bulk, label, self._bulk_slice, self._catch_up)
        run.finished.connect(done)
        self.bulk = run
        run.start()
        return run

    def _bulk_slice(self, ids: list[str]) -> None:
        """A slice's decisions: labelled now, told to the views once at the end (every
        repaint of the tree between slices cost as much as the slice)."""
        assert self.session is not None
        self.proxy.decided(ids)
        merge_ranges(self._unannounced, self.model.refresh(self.session, ids, announce=False))

    def _bulk_done(self, ids: list[str], cancelled: bool) -> None:
        if cancelled:
            self.status.emit(self.tr("Cancelled: no decision was changed"))
        else:
            decided = plural(
                len(ids),
                self.tr("{0} finding decided (Ctrl+Z takes it back)"),
                self.tr("{0} findings decided (Ctrl+Z takes them back)"),
            )
            self.status.emit(decided.format(len(ids)))

    def _catch_up(self, ids: list[str], cancelled: bool) -> Iterator[None]:
        """The views after a bulk action, a step at a time (gui/bulk.py runs it in slices):
        the labels were shown slice by slice; a cancel puts them back; then the article."""
        if cancelled:
            yield from self._relabel_steps(ids)
        else:
            yield from self._redline_steps()
        after = self._bulk_from if not cancelled else None
        target = self._next_undecided(after) if after is not None else None
        yield from self._settle_steps(follow=after is not None, select=target)

    def ignore_all_like(
        self, feed_wordlist: bool = True, added_word: str | None = None
    ) -> list[str]:
        """``added_word``: put on the word list by the caller (Add to Word List); undoing
        this decision takes it back off, as for a word this adds itself."""
        self.finish_running()
        if self.current is None or self.session is None:
            return []
        word = added_word
        if feed_wordlist and self.current.kind in ("typo", "variant"):
            # Ignoring a flagged word everywhere means it is a word: never flag it again
            # (only a real token: 变庄器 yes, the pieces 强具中 no).
            word = wordlist_token(self.session.doc, self.current)
            if word is not None and not add_to_user_wordlist(word):
                word = None  # it was there already: undo must not take it away
        current = self.current
        done = self.session.ignore_all_like(current.id, by=self.reviewer)
        if word is not None:
            self._words_added.append((frozenset(done), word))
            self._words_undone.clear()
        self._after_change(done, then=lambda: self.next_undecided(after=current))
        return done

    def undo(self) -> None:
        self.finish_running()
        if self.session is not None:
            self._run(self._undo_steps(), self.session.undo_size > SLICED_FROM)

    def redo(self) -> None:
        self.finish_running()
        if self.session is not None:
            self._run(self._redo_steps(), self.session.redo_size > SLICED_FROM)

    def _undo_steps(self) -> Iterator[None]:
        assert self.session is not None
        ids = yield from self.session.undo_steps()
        # Undoing an "ignore all like this" takes its word back off the word list too.
        if self._words_added and ids and frozenset(ids) == self._words_added[-1][0]:
            entry = self._words_added.pop()
            remove_entries("words", [entry[1]])
            self._words_undone.append(entry)
        yield from self._undone_steps(ids)

    def _redo_steps(self) -> Iterator[None]:
        assert self.session is not None
        ids = yield from self.session.redo_steps()
        if self._words_undone and ids and frozenset(ids) == self._words_undone[-1][0]:
            entry = self._words_undone.pop()
            add_to_user_wordlist(entry[1])
            self._words_added.append(entry)
        yield from self._undone_steps(ids)

    def _undone_steps(self, ids: list[str]) -> Iterator[None]:
        """Undo and redo show the finding they changed."""
        if not ids or self.session is None:
            self.status.emit(self.tr("Nothing to undo or redo"))
            return
        self.dirty = True
        first = self.session.get(ids[0])
        get = self.session.get
        if not self.article.previewing and sum(get(sid).kind == MANUAL for sid in ids) > 1:
            # A Replace All (with the findings under its places it rejected), the places all
            # over the article: the editor stays where they were reading (it jumped to the
            # first place, often the article's first line). (The clean preview's positions are
            # not the redline's: it is shown afresh, as before.)
            anchor = self.article.view_anchor()  # (the redline shown is still the old one)
            yield from self._change_steps(ids, follow=False)
            self.article.restore_anchor(anchor)
            return
        if first.kind == MANUAL:  # a typed edit: the article shows where it was undone/redone
            yield from self._change_steps(ids, follow=False)
            self.article.place_caret(self.article.positions.to_qt(first.start))
            self.article.centerCursor()
            return
        yield from self._change_steps(ids, select=first)

    def _after_change(
        self, ids: list[str], follow: bool = True, then: Callable[[], None] | None = None
    ) -> None:
        """The views follow the session; many changes (an undone bulk decision) a slice at a
        time with a progress dialog, then ``then``."""
        if self.session is None:
            return
        self.dirty = True

        def steps() -> Iterator[None]:
            yield from self._change_steps(ids, follow)
            if then is not None:
                then()

        self._run(steps(), len(ids) > SLICED_FROM)

    def _run(self, steps: Iterator[object], sliced: bool) -> None:
        """View work at once, or (``sliced``) a slice at a time with a progress dialog."""
        if not sliced:
            for _ in steps:
                pass
            return
        self._refresh = Sliced(self, steps, self.tr("Showing the changes…"))
        self._refresh.start()

    def _change_steps(
        self, ids: list[str], follow: bool = True, select: Suggestion | None = None
    ) -> Iterator[None]:
        yield from self._relabel_steps(ids)
        yield from self._redline_steps()
        yield from self._settle_steps(follow, select)

    def _relabel_steps(self, ids: list[str]) -> Iterator[None]:
        assert self.session is not None
        if len(ids) <= LABEL_CHUNK:
            self.proxy.decided(ids)  # (before the model's signal makes the proxy re-filter)
            self.model.refresh(self.session, ids)
            return
        for i in range(0, len(ids), LABEL_CHUNK):
            self._bulk_slice(ids[i : i + LABEL_CHUNK])
            yield

    def _settle_steps(self, follow: bool, select: Suggestion | None = None) -> Iterator[None]:
        """The current finding shown (``select``: that one first) and the counts."""
        self.dirty = True
        ranges, self._unannounced = self._unannounced, {}
        if ranges and self.proxy.filter.hide_decided:
            self.model.announce(ranges)  # rows to hide: the proxy must look at them again
            yield
        elif ranges:
            # Only "undecided only" makes a label change show or hide a row: the new labels
            # need a repaint, no more (the list's signal for thousands of rows cost 86 ms).
            self.tree.viewport().update()
        if select is not None:
            self.select(select)
        else:
            self._show_current(follow)
        yield
        self._update_shown()
        self._refresh_diff()
        if self._autosave_ready and not self._autosave.isActive():
            self._autosave.start()

    # ----- views -----
    def _filter_changed(self, *_args: object) -> None:
        self._reselected = False  # set by _refiltered when the proxy's reset selected again
        self._refilter_done = False  # and expanded the tree
        kinds = {k for k, box in self.kind_boxes.items() if box.isVisible() and box.isChecked()}
        all_kinds = {k for k, box in self.kind_boxes.items() if box.isVisible()}
        self.proxy.set_filter(
            FindingFilter(
                text=self.filter_box.text().strip(),
                kinds=kinds if kinds != all_kinds else set(),
                min_confidence=self.min_conf.value(),
                hide_decided=self.hide_decided.isChecked(),
            )
        )
        if not kinds and all_kinds:
            self.proxy.set_filter(FindingFilter(kinds={"-"}))
        if not self._refilter_done:
            self.tree.expandAll()
        self._update_shown()
        if self.current is None and self._anchor is not None:
            self._select_near(self._anchor)  # it was filtered out: the next one shown instead
        if not self._reselected:  # (selecting again showed it everywhere already)
            self._show_current()

    def _refiltered(self) -> None:
        """The proxy was reset (a new filter): the current finding again, or the next shown."""
        self.tree.expandAll()  # a reset collapses every group (before selecting: no scroll twice)
        self._refilter_done = True
        if self.current is None and self._anchor is not None:
            self._select_near(self._anchor)
            self._reselected = self.current is not None

    def _select_near(self, s: Suggestion) -> None:
        items = self.visible_findings()
        key = (s.start, s.id)
        later = [o for o in items if (o.start, o.id) >= key]
        if later or items:
            self.select(later[0] if later else items[-1])

    def _update_shown(self) -> None:
        total = len(self.session.suggestions) if self.session else 0
        undecided = self.session.undecided() if self.session else 0
        self.shown_label.setText(
            self.tr("{0} of {1} shown · {2} undecided").format(
                len(self.visible_findings()), total, undecided
            )
        )

    def _highlight(self) -> None:
        self.article.highlight(self.visible_findings(), self.current)

    def records(self) -> list[LogRecord]:
        assert self.session is not None
        return build_changelog(
            self.session, original_name=self.path.name, clean_bytes=b"", out_encoding="utf_8"
        ).records

    def _refresh_diff(self) -> None:
        """Rebuild the Changes tab if it is shown; hidden, it is only marked stale (rebuilding
        it at every decision cost as much as the decision) and rebuilt when next shown."""
        self.diff_stale = True
        self._show_diff_if_shown()

    def _show_diff_if_shown(self) -> None:
        if self.session is not None and self.diff_stale and self.views.currentWidget() is self.diff:
            self.diff_stale = False
            changes = session_changes(self.session, known=self._diff_known)
            self.diff.show_changes_from(self.session.doc.text, changes)

    def step_view(self, delta: int) -> None:
        """Ctrl+PgDn / Ctrl+PgUp: the next (previous) tab, Article and Changes, wrapping round;
        the keyboard goes with it when it was in the view left, else it stays (the list)."""
        focus = QApplication.focusWidget()
        was_in_view = focus is not None and self.views.isAncestorOf(focus)
        self.views.setCurrentIndex((self.views.currentIndex() + delta) % self.views.count())
        if was_in_view:
            self.views.currentWidget().setFocus()

    def step_change(self, delta: int) -> None:
        self.views.setCurrentWidget(self.diff)
        self.diff.step(delta)

    # ----- the article: decisions in place, typing, find/replace, the clean preview -----
    def _state_of(self, sid: str) -> str:
        return self.session.state(sid).value if self.session is not None else "pending"

    def redline(self) -> Redline:
        """The article with the session's applied changes in place."""
        steps = self._redline_build()
        while True:
            try:
                next(steps)
            except StopIteration as done:
                red: Redline = done.value
                return red

    def _redline_build(self) -> Generator[None, None, Redline]:
        assert self.session is not None
        text = self.session.doc.text
        if self._base is None or self._base[0] is not text:  # one map per text: it reads it all
            self._base = (text, PositionMap(text))
        edits = []
        for e in self.session.iter_edits():
            edits.append((e.suggestion.id, e.start, e.end, e.text, e.suggestion.kind == MANUAL))
            if len(edits) % 2000 == 0:
                yield
        return (yield from Redline.in_steps(text, edits, self._base[1]))

    def _redline_steps(self) -> Iterator[None]:
        """``_show_redline`` a step at a time."""
        assert self.session is not None
        red = yield from self._redline_build()
        yield from self.article.update_redline_steps(red)
        if self.article.previewing:
            self.article.set_preview(self.session.clean_text())

    def _show_redline(self) -> None:
        if self.session is None:
            return
        self.article.update_redline(self.redline())
        if self.article.previewing:
            self.article.set_preview(self.session.clean_text())

    def _article_edit(self, p: int, q: int, text: str) -> bool:
        """Typing in the article: screen positions [p, q) now read ``text`` (one record)."""
        self.finish_running()
        if self.session is None:
            return False
        if self.article.previewing:  # screen positions are the clean text's there
            self.status.emit(self.tr("The clean preview cannot be edited (F9 goes back)"))
            return False
        if text == "\n":
            text = self.session.doc.newline_str  # a typed break in the file's own newline
        try:
            done = self.article.positions.compose(p, q, text)
            mid = self.session.edit_text(done.start, done.end, done.text, by=self.reviewer)
        except ConflictError as exc:
            self.status.emit(str(exc))
            return False
        self._after_change(self.session.last_step(), follow=False)
        red = self.article.positions
        head = qt_len(done.text[: done.cursor])
        at = red.by_id[mid].inserted[0] + head if mid else red.to_qt(done.start) + head
        self.article.place_caret(at)
        return True

    def toggle_preview(self) -> None:
        """F9: the clean text alone, and back."""
        if self.session is None:
            return
        if self.article.previewing:
            self.article.set_preview(None)
        else:
            self.article.set_preview(self.session.clean_text())
        self.views.setCurrentWidget(self.article)
        if self.current is not None:
            self.article.show_finding(self.current)

    def open_find(self) -> None:
        self.views.setCurrentWidget(self.article)
        self.find_bar.open_find(False, self.article.textCursor().selectedText())

    def open_replace(self) -> None:
        self.views.setCurrentWidget(self.article)
        self.find_bar.open_find(True, self.article.textCursor().selectedText())

    def find_text(self, needle: str, backwards: bool = False) -> bool:
        """Select the next (previous) place the article shows ``needle``, wrapping round."""
        if not needle:
            return False
        doc = self.article.document()
        flags = QTextDocument.FindFlag.FindBackward if backwards else QTextDocument.FindFlag(0)
        found = doc.find(needle, self.article.textCursor(), flags)
        if found.isNull():
            edge = QTextCursor(doc)
            edge.movePosition(
                QTextCursor.MoveOperation.End if backwards else QTextCursor.MoveOperation.Start
            )
            found = doc.find(needle, edge, flags)
        if found.isNull():
            self.status.emit(self.tr("'{0}' is not in the text").format(needle))
            return False
        self.article.setTextCursor(found)
        self.article.centerCursor()
        return True

    def replace_one(self, needle: str, text: str) -> bool:
        """Replace the selected match (one manual record) and go to the next one."""
        cursor = self.article.textCursor()
        if not needle or cursor.selectedText() != needle:
            return self.find_text(needle)
        if not self._article_edit(cursor.selectionStart(), cursor.selectionEnd(), text):
            return False
        self.find_text(needle)
        return True

    def replace_all(self, needle: str, text: str) -> BulkRun | None:
        """Every occurrence in the original outside decided changes: one record each, one undo
        step; a slice at a time, with progress and Cancel when it takes long."""
        if self.session is None or not needle or (self.bulk is not None and self.bulk.running):
            return None
        self.finish_running()
        bulk = BulkReplace(self.session, needle, text, by=self.reviewer)
        label = self.tr("Replacing every '{0}'…").format(needle)

        def done(ids: list[str], cancelled: bool) -> None:
            if cancelled:
                self.status.emit(self.tr("Cancelled: nothing was replaced"))
                return
            message = self.tr("{0} replaced").format(len(ids))
            if bulk.left:
                message += self.tr("; {0} left where a decided change holds the text").format(
                    bulk.left
                )
            self.status.emit(message)

        return self._start_bulk(bulk, label, done, follow=False)

    # ----- persistence -----
    def save(self) -> Path | None:
        self.finish_running()
        if self.session is None:
            return None
        path = save_review(self.session, self.path)
        self.dirty = False
        self.discard_autosave()
        return path

    def autosave(self) -> Path | None:
        """Keep every decision safe from a crash; the saved review stays the user's choice.

        Only a snapshot is taken here: it is encoded and written (atomically) on the one
        autosave thread, so a big review does not stall the window. Returns where it goes."""
        self._autosave.stop()
        if self.session is None or not self.dirty or not self._autosave_ready:
            return None
        if self.busy:  # half a bulk action or half an undo of one: after it
            self._autosave.start()
            return None
        snap = snapshot(self.session)
        path = autosave_path(self.path, snap.sha256, self._autosave_folder)
        article, folder, at = self.path, self._autosave_folder, utc_now()
        shared_writer().submit(
            path,
            lambda: write_autosave(snap, article, at, folder),
            lambda exc: self._autosave_failed.emit(str(exc)),  # (from the writer thread)
        )
        return path

    def _report_autosave_failure(self, message: str) -> None:
        self.status.emit(self.tr("Could not autosave the review: {0}").format(message))

    def discard_autosave(self) -> None:
        """The review was saved, or the person chose to discard it."""
        self._autosave.stop()
        if self.session is not None and self._autosave_ready:  # (one never offered stays)
            sha, article, folder = self.session.doc.sha256, self.path, self._autosave_folder
            shared_writer().discard(
                autosave_path(article, sha, folder),
                lambda: discard_autosave(article, sha, folder),  # after any write under way
            )

    def _offer_autosave(self, keep_decided: bool = False) -> None:
        """Once the findings are final: offer back the decisions a crash left behind.

        The autosave is newer than a saved review (saving removes it); ``keep_decided`` keeps
        what the person decided while a big article's typo check was still running.
        """
        assert self.session is not None
        sha = self.session.doc.sha256
        saved = read_autosave(self.path, sha, self._autosave_folder)
        answer = self.ask_restore(saved) if saved is not None and saved.decisions else False
        if answer is None:  # not now: leave it for the next start, and do not overwrite it
            return
        if answer and saved is not None:
            if restore_state(self.session, saved.data, keep_decided=keep_decided):
                self._restored = True
                self.dirty = True
        elif saved is not None:
            discard_autosave(self.path, sha, self._autosave_folder)
        self._autosave_ready = True
        if self.dirty:
            self._autosave.start()
