#!/usr/bin/env bash
# cadre against Python polars and DuckDB on the same generated Terr'ESS data
# (a workbook and the same rows as a folder of csv files), run by run
# interleaved, whole processes timed by /usr/bin/time (wall time, peak RSS);
# prints a markdown table of the medians.
#
#   bench/compare.sh [ROWS] [RUNS]      # default 1000000 participation rows, 3 runs
#
# CADRE_BEFORE=path/to/an/older/cadre adds that binary's runs (without
# --quiet, which older binaries lack) as a row "cadre before".
#
# Needs python3 (with venv) and GNU time. The peers are installed into a venv
# from bench/peers/requirements.txt; data and venv go to $BENCH_DIR
# (default: target/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
RUNS=${2:-3}
TARGET=${CARGO_TARGET_DIR:-target}
DIR=${BENCH_DIR:-$TARGET/bench}
mkdir -p "$DIR"
XLSX=$DIR/terress-$ROWS.xlsx
CSV=$DIR/terress-$ROWS-csv
PERIOD=2025-Q4

if [ ! -x "$DIR/venv/bin/python" ]; then
    python3 -m venv "$DIR/venv"
    "$DIR/venv/bin/pip" install --quiet -r bench/peers/requirements.txt
fi
# One build: separate ones resolve the dependencies' features apart and
# build polars twice.
cargo build --quiet --release -p cadre-report --bin cadre -p cadre --example floor \
    -p cadre-tools --bin generate-terress
[ -f "$XLSX" ] || "$TARGET/release/generate-terress" --participations "$ROWS" "$XLSX" >/dev/null
[ -d "$CSV" ] || "$TARGET/release/generate-terress" --participations "$ROWS" --csv "$CSV" >/dev/null

PY=$DIR/venv/bin/python
CADRE=$TARGET/release/cadre
FLOOR=$TARGET/release/examples/floor
TIMES=$DIR/times.tsv
: >"$TIMES"

# One run: label, format, command…; appends "label format seconds KiB".
run() {
    local label=$1 format=$2
    shift 2
    /usr/bin/time -f '%e %M' -o "$DIR/time.out" "$@" >"$DIR/stdout.out" 2>"$DIR/stderr.out" || {
        # cadre exits 1 when rows are rejected (the generated data has some on
        # purpose); anything else is a failure.
        local code=$?
        if { [ "$label" != cadre ] && [ "$label" != before ]; } || [ "$code" != 1 ]; then
            echo "failed: $* (exit $code)" >&2
            cat "$DIR/stderr.out" >&2
            exit 1
        fi
    }
    echo "$label $format $(tail -n 1 "$DIR/time.out")" >>"$TIMES"
}

for i in $(seq "$RUNS"); do
    for format in xlsx csv; do
        if [ $format = xlsx ]; then DATA=$XLSX; else DATA=$CSV; fi
        run cadre $format "$CADRE" compute --programme indicators/terress --data "$DATA" \
            --period $PERIOD --allow-rejected --quiet
        if [ -n "${CADRE_BEFORE:-}" ]; then
            run before $format "$CADRE_BEFORE" compute --programme indicators/terress --data "$DATA" \
                --period $PERIOD --allow-rejected
        fi
        run polars $format "$PY" bench/peers/peers.py polars $format "$DATA"
        run duckdb $format "$PY" bench/peers/peers.py duckdb $format "$DATA"
        run floor $format "$FLOOR" "$DATA"
    done
done

"$PY" - "$TIMES" "$ROWS" "$RUNS" <<'PYEOF'
import statistics, sys
from collections import defaultdict

path, rows, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
runs_of = defaultdict(list)
for line in open(path):
    label, fmt, secs, kib = line.split()
    runs_of[(label, fmt)].append((float(secs), int(kib)))

def cell(label, fmt):
    got = runs_of.get((label, fmt))
    if not got:
        return "", ""
    secs = statistics.median(s for s, _ in got)
    mib = statistics.median(k for _, k in got) / 1024
    return f"{secs:.2f} s", f"{mib:.0f} MiB"

names = {
    "cadre": "cadre compute (19 indicators, every rule)",
    "before": "cadre compute before this work (CADRE_BEFORE)",
    "polars": "Python polars (read_excel / scan_csv + 3 lazy indicators)",
    "duckdb": "DuckDB (read_xlsx / read_csv + 3 indicators)",
    "floor": "floor: calamine's streaming cell reader / the csv crate, one thread",
}
print(f"{rows:,} participation rows; medians of {runs} interleaved runs, whole process\n")
print("| run | xlsx | peak | csv folder | peak |")
print("|---|---|---|---|---|")
for label in ["cadre", "before", "polars", "duckdb", "floor"]:
    if not any(l == label for l, _ in runs_of):
        continue
    print(f"| {names[label]} | {' | '.join(cell(label, 'xlsx'))} | {' | '.join(cell(label, 'csv'))} |")
c = runs_of.get(("cadre", "csv")); p = runs_of.get(("polars", "csv"))
if c and p:
    ratio = statistics.median(s for s, _ in c) / statistics.median(s for s, _ in p)
    print(f"\ncadre / Python polars on csv: {ratio:.2f}×")
c = runs_of.get(("cadre", "xlsx")); f = runs_of.get(("floor", "xlsx"))
if c and f:
    ratio = statistics.median(s for s, _ in c) / statistics.median(s for s, _ in f)
    print(f"cadre / calamine's streaming read on xlsx: {ratio:.2f}×")
PYEOF
