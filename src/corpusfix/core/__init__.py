"""The engine core: loading, the document model, suggestions, the review session, the change log.

Nothing under ``corpusfix.core`` imports Qt.
"""
