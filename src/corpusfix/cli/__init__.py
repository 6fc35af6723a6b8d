"""The command line (SPEC.md contract). Progress goes to stderr; data to stdout or files."""
