#!/usr/bin/env bash
# Build the wheel, install it into a fresh virtual environment (dependencies from the registry),
# then check the reference article with the network cut off and compare the findings with the
# development install. The wheel is the compiled one (setup.py: the typo detector built by mypyc),
# as released wheels are; CORPUSFIX_COMPILE=0 checks the pure-Python wheel instead.
# Last, `corpusfix lm build` from a pure-Python wheel installed with no C compiler (CC and CXX are
# /bin/false): a user's own model must build from a plain pip install on any platform.
# Usage: bash packaging/check_wheel.sh [PYTHON]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${1:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PY" -m venv "$work/build-env"
"$work/build-env/bin/pip" install -q build
CORPUSFIX_COMPILE=${CORPUSFIX_COMPILE:-1} "$work/build-env/bin/python" -m build -q --wheel --outdir "$work/dist" .
wheel=$(ls "$work"/dist/corpusfix-*.whl)
echo "wheel: $(basename "$wheel") ($(du -h "$wheel" | cut -f1))"
"$PY" -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$wheel"
(cd "$work" && "$work/venv/bin/python" -c 'import corpusfix.detectors.typos.lm as m; print("typo detector module:", m.__file__.rsplit("/", 1)[-1])')
ref=../shared/fixtures/hohhot-interviews/raw.txt
[ -f "$ref" ] || ref=resources/samples/sample-article.txt
run_offline() {  # no network at all: a new network namespace has only a down loopback
  if command -v unshare >/dev/null && unshare -n true 2>/dev/null; then unshare -n "$@"; else "$@"; fi
}
(cd "$work" && run_offline "$work/venv/bin/corpusfix" check "$OLDPWD/$ref" --format json) > "$work/wheel.json" || true
.venv/bin/corpusfix check "$ref" --format json > "$work/dev.json" || true
"$PY" - "$work/wheel.json" "$work/dev.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
strip = lambda d: [(s["id"], s["kind"], s["start"], s["end"], s["replacement"], s["confidence"]) for s in d["suggestions"]]
assert strip(a) == strip(b), "the installed wheel finds something else than the development install"
print(f"installed wheel, offline: {len(a['suggestions'])} findings, identical to the development install")
PY
# PDF input: the wheel's dependencies carry PDFium; the same findings on a PDF as the dev install
pdf=tests/fixtures/pdf/article.pdf
(cd "$work" && run_offline "$work/venv/bin/corpusfix" check "$OLDPWD/$pdf" --format json) > "$work/wheel-pdf.json" || true
.venv/bin/corpusfix check "$pdf" --format json > "$work/dev-pdf.json" || true
"$PY" - "$work/wheel-pdf.json" "$work/dev-pdf.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
strip = lambda d: [(s["id"], s["kind"], s["start"], s["end"], s["replacement"]) for s in d["suggestions"]]
assert a["extractor"] == b["extractor"] and strip(a) == strip(b), "the installed wheel reads the PDF otherwise"
print(f"installed wheel, offline, PDF input: {len(a['suggestions'])} findings ({a['extractor']}), identical")
PY
# The archive's own model from a pure-Python install with no C compiler at hand: a pure wheel
# (built and installed with CC/CXX set to /bin/false, so that nothing can be compiled) builds a
# model offline, byte for byte the development install's, and check --lm uses it.
if [ "${CORPUSFIX_COMPILE:-1}" = 0 ]; then
  pure=$wheel
else
  CC=/bin/false CXX=/bin/false CORPUSFIX_COMPILE=0 "$work/build-env/bin/python" -m build -q --wheel --outdir "$work/pure-dist" .
  pure=$(ls "$work"/pure-dist/corpusfix-*.whl)
fi
"$PY" -m venv "$work/pure"
CC=/bin/false CXX=/bin/false "$work/pure/bin/pip" install -q "$pure"
(cd "$work" && "$work/pure/bin/python" - <<'PY'
import corpusfix.lm.build as b, corpusfix.lm.sorter as s, corpusfix.detectors.typos.lm as m
files = [x.__file__ for x in (b, s, m)]
assert all(f.endswith(".py") for f in files), f"not the pure-Python install: {files}"
print("pure-Python install:", ", ".join(f.rsplit("/", 1)[-1] for f in files))
PY
)
mkdir "$work/archive"
cp resources/samples/sample-article.txt "$work/archive/sample.txt"
iconv -f utf-8 -t gb18030 docs/guide.zh.md > "$work/archive/guide-gb18030.txt"  # any encoding
(cd "$work" && CC=/bin/false CXX=/bin/false run_offline "$work/pure/bin/corpusfix" lm build archive -o wheel.charlm --order 4)
.venv/bin/corpusfix lm build "$work/archive" -o "$work/dev.charlm" --order 4 2>/dev/null
cmp "$work/wheel.charlm" "$work/dev.charlm"
echo "lm build from the pure wheel, offline, no compiler: $(wc -c < "$work/wheel.charlm") bytes, identical to the development install's"
(cd "$work" && run_offline "$work/pure/bin/corpusfix" check "$OLDPWD/$ref" --lm wheel.charlm --format json) > "$work/lm.json" || [ $? = 1 ]
"$PY" - "$work/lm.json" <<'PY'
import json, sys
found = json.load(open(sys.argv[1]))["suggestions"]
print(f"installed pure wheel, offline, check --lm: {len(found)} findings")
PY
