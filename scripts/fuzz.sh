#!/usr/bin/env bash
# Fuzzes vanban's record pipeline (load, validate, render) for SECONDS (default 600).
# Installs cargo-fuzz if needed; RUSTC_BOOTSTRAP lets the stable toolchain build with the
# sanitizer flags cargo-fuzz passes. Crashes land in fuzz/artifacts/record/; copy each
# into tests/fuzz-regressions/ once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
mkdir -p fuzz/corpus/record
cp samples/*.yaml samples/assessments/*.yaml tests/fuzz-regressions/* fuzz/corpus/record/ 2>/dev/null || true
export RUSTC_BOOTSTRAP=1
cargo fuzz build record
start=$(date +%s)
cargo fuzz run record fuzz/corpus/record -- -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 2>&1 | tail -n 20
echo "fuzzed for $(( $(date +%s) - start )) s with no crash"
