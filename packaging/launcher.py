"""Entry point of the bundled program: `corpusfix` (command line) and `corpusfix-gui` (the app)."""

import sys
from pathlib import Path

from corpusfix.cli.main import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if Path(sys.argv[0]).stem.lower().startswith("corpusfix-gui"):
        args = ["gui", *args]
    sys.exit(main(args))
