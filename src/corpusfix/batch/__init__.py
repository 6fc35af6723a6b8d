"""Batch cleaning of whole archives: resumable (SQLite state), parallel (processes or Dask)."""
