"""QA review of exported results: verdicts on changes, regeneration, whole-output diffs."""
