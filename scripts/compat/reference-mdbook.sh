#!/usr/bin/env bash
# Builds every book of mdbook-projects.txt with mdBook itself, as the reference that
# `cargo run --release --example compat -- --mdbook` compares Waymark's output with.
#
#   bash scripts/compat/reference-mdbook.sh CORPUS REFERENCE
#
# CORPUS holds a clone of each book (CORPUS/<name>); REFERENCE receives <name>/ (the HTML
# mdBook built), <name>.log and <name>.time (seconds, exit code). mdBook is installed
# from crates.io (`cargo install mdbook`) when it is not on the PATH. A book's own
# preprocessors and renderers are not installed: mdBook's build then reports them, as
# Waymark's does. Nothing here is needed by the test suite.
set -uo pipefail
corpus="$(cd "${1:?corpus folder}" && pwd)"
reference="$(mkdir -p "${2:?reference folder}" && cd "$2" && pwd)"
list="$(dirname "${BASH_SOURCE[0]}")/mdbook-projects.txt"
command -v mdbook >/dev/null || cargo install mdbook -j 1
grep -v '^#' "$list" | while read -r name _repo folder; do
    [ -n "$name" ] || continue
    [ -d "$corpus/$name" ] || { echo "== $name: not in $corpus, skipped"; continue; }
    rm -rf "$reference/$name"
    start=$(date +%s.%N)
    # mdBook writes one folder per renderer when a book has several: keep the HTML one.
    (cd "$corpus/$name/$folder" && mdbook build -d "$reference/$name.out") \
        >"$reference/$name.log" 2>&1
    status=$?
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    if [ -d "$reference/$name.out/html" ]; then
        mv "$reference/$name.out/html" "$reference/$name" && rm -rf "$reference/$name.out"
    else
        mv "$reference/$name.out" "$reference/$name"
    fi
    echo "$seconds $status" >"$reference/$name.time"
    echo "== $name: exit $status in ${seconds}s"
done
