#!/usr/bin/env bash
# Builds every project of the compatibility check with MkDocs itself, as the reference
# that `cargo run --release --example compat` compares Waymark's output with.
#
#   bash scripts/compat/reference.sh CORPUS REFERENCE
#
# CORPUS holds a clone of each project of projects.txt (CORPUS/<name>); REFERENCE
# receives <name>/ (the site MkDocs built), <name>.log and <name>.time (seconds, exit
# code). MkDocs, Material and each project's plugins are installed from PyPI into a
# virtual environment at REFERENCE/venv. Nothing here is needed by the test suite.
set -uo pipefail
corpus="$(cd "${1:?corpus folder}" && pwd)"
reference="$(mkdir -p "${2:?reference folder}" && cd "$2" && pwd)"
list="$(dirname "${BASH_SOURCE[0]}")/projects.txt"
venv="$reference/venv"
[ -x "$venv/bin/mkdocs" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q mkdocs-material
export NO_MKDOCS_2_WARNING=1
# Hooks may run the project's own command (uvicorn --help): the environment's tools come first.
export PATH="$venv/bin:$PATH"
grep -v '^#' "$list" | while read -r name _repo folder packages; do
    [ -n "$name" ] || continue
    [ -d "$corpus/$name" ] || { echo "== $name: not in $corpus, skipped"; continue; }
    [ "$packages" = "-" ] || "$venv/bin/pip" install -q ${packages//,/ } || true
    start=$(date +%s.%N)
    (cd "$corpus/$name/$folder" && "$venv/bin/mkdocs" build -q -d "$reference/$name") \
        >"$reference/$name.log" 2>&1
    status=$?
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    echo "$seconds $status" >"$reference/$name.time"
    echo "== $name: exit $status in ${seconds}s"
done
