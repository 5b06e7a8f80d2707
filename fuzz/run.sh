#!/usr/bin/env bash
# Runs every fuzz target for N seconds (default 600), one after the other, on one core.
#
#   bash fuzz/run.sh            # 10 minutes per target
#   bash fuzz/run.sh 60         # 1 minute per target
#   bash fuzz/run.sh 600 render_page request_path   # only these targets
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Working corpora
# grow in $FUZZ_CORPUS (default: a folder under the system's temp folder), seeded from the
# committed fuzz/seeds/<target>/; crashes are saved in fuzz/artifacts/<target>/. Stops at
# the first target that fails.
set -euo pipefail

seconds="${1:-600}"
shift || true
fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(frontmatter render_page book_toml mkdocs_yml request_path yaml theme_templates)
fi
corpus_root="${FUZZ_CORPUS:-${TMPDIR:-/tmp}/waymark-fuzz-corpus}"
logs="$corpus_root/logs"
mkdir -p "$logs"

cargo +nightly fuzz build --fuzz-dir "$fuzz_dir"
for target in "${targets[@]}"; do
    mkdir -p "$corpus_root/$target"
    echo "== $target: ${seconds}s (log: $logs/$target.log)"
    # With -jobs, libFuzzer writes the run's output to fuzz-0.log in the current folder.
    status=0
    (
        cd "$logs"
        exec cargo +nightly fuzz run --fuzz-dir "$fuzz_dir" "$target" \
            "$corpus_root/$target" "$fuzz_dir/seeds/$target" -- \
            -max_total_time="$seconds" -jobs=1 -workers=1 \
            -rss_limit_mb=4096 -max_len=65536 -timeout=20
    ) || status=$?
    mv -f "$logs/fuzz-0.log" "$logs/$target.log" 2>/dev/null || true
    if [ "$status" -ne 0 ]; then
        grep -v '^#' "$logs/$target.log" | head -n 40 || true
        echo "== $target FAILED (exit $status): the input is in fuzz/artifacts/$target/"
        exit 1
    fi
    grep -E '^(Done|#[0-9]+ *DONE)' "$logs/$target.log" | tail -n 1 || true
done
echo "== all targets ran ${seconds}s without a crash"
