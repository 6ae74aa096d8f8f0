#!/usr/bin/env bash
# The README's speed table, side by side in one run: a 10,000 × 200 CSV parsed only (the
# floor), scored by beltscope (CSV and JSON out), and by the same pipeline in numpy.
# Median of 5 runs (hyperfine) and peak memory (GNU time). Needs hyperfine, numpy, /usr/bin/time.
#
#   benches/compare.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-10000}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cargo build --release --quiet --bin beltscope --example parse_csv
python3 benches/make_big_csv.py "$rows" "$dir"
bin=target/release/beltscope
declare -a names=("parse only (read + f64 per cell)" "beltscope score --format csv" "beltscope score --format json" "beltscope validate" "numpy pipeline")
declare -a cmds=(
  "target/release/examples/parse_csv $dir/big.csv"
  "$bin score $dir/big.csv --framework $dir/bench.toml --format csv"
  "$bin score $dir/big.csv --framework $dir/bench.toml --format json"
  "$bin validate $dir/big.csv --framework $dir/bench.toml"
  "python3 benches/numpy_pipeline.py $dir/big.csv $dir/bench.toml"
)
echo "$(du -h "$dir/big.csv" | cut -f1) CSV, $rows rows × 200 indicators"
echo
echo "| what | median of 5 | peak memory |"
echo "| --- | --- | --- |"
declare -a medians=()
for i in "${!cmds[@]}"; do
  hyperfine -N -w 1 -r 5 --export-json "$dir/h.json" "${cmds[$i]}" >/dev/null 2>&1
  median=$(python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['results'][0]['median']*1000))" "$dir/h.json")
  medians+=("$median")
  peak=$( { /usr/bin/time -f "%M" ${cmds[$i]} >/dev/null; } 2>&1 | tail -1)
  echo "| ${names[$i]} | ${median} ms | $((peak / 1024)) MB |"
done
echo
python3 - "${medians[@]}" <<'PY'
import sys
parse, csv, json_, validate, numpy = map(float, sys.argv[1:])
print(f"score --format csv: {csv / parse:.1f}x parse only; numpy takes {numpy / csv:.1f}x as long")
PY
