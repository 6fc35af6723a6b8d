"""Exports: clean text, change log, readable character-level diff, HTML report."""
