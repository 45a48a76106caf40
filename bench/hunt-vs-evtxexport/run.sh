#!/usr/bin/env bash
# Side by side, in one run, on the same files: `vigie hunt` with every loaded rule (all SigmaHQ Windows
# rules of the shared data) and libevtx's `evtxexport -f xml`. The shared corpus (../shared/data/evtx,
# 8,255 records) is copied enough times to reach at least 150,000 events. Reports seconds, events/s,
# peak memory (RSS), CPU seconds, the load average at the start of each run, and the ratio to evtxexport.
# `vigie hunt` is measured twice: the whole command (rule loading included) and the hunt itself (the
# figures vigie prints: reading, matching, ordering, correlations, CSV output). A last run hunts one big
# file (every chunk of every copy in one .evtx) to show that memory stays flat whatever the file size.
#
#   bench/hunt-vs-evtxexport/run.sh [--threads N] [--min-events N] [--skip-evtxexport]
#
# Needs: the .NET SDK, evtxexport (Debian: libevtx-utils), GNU time (Debian: time).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
corpus="${VIGIE_EVTX_CORPUS:-$repo/../shared/data/evtx}"
sigma="${VIGIE_SIGMA_RULES:-$repo/../shared/data/sigma}"
threads=$(nproc)
min_events=150000
skip_evtxexport=0
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --min-events) min_events="$2"; shift 2 ;;
    --skip-evtxexport) skip_evtxexport=1; shift ;;
    *) echo "usage: $0 [--threads N] [--min-events N] [--skip-evtxexport]" >&2; exit 2 ;;
  esac
done

[ -d "$corpus" ] || { echo "corpus not found: $corpus" >&2; exit 1; }
[ -d "$sigma/rules/windows" ] || { echo "Sigma rules not found: $sigma" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is needed (apt-get install time)" >&2; exit 1; }
command -v evtxexport >/dev/null || [ "$skip_evtxexport" = 1 ] || { echo "evtxexport is needed (apt-get install libevtx-utils)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/vigie-hunt-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "building vigie (Release, as ./vigie publishes it)..." >&2
"$repo/scripts/publish-vigie" "$work/bin" >/dev/null   # as ./vigie runs it: vigie-batch (Native AOT) does the hunt
vigie=(env VIGIE_BIN="$work/bin" "$repo/vigie")   # the ./vigie launcher, on the folder just published
rules=(--rules "$sigma/rules/windows" "$sigma/rules-emerging-threats" "$sigma/rules-threat-hunting")

per_copy=$("${vigie[@]}" evtx dump "$corpus" --format jsonl --threads "$threads" --quiet | wc -l)
copies=$(( (min_events + per_copy - 1) / per_copy ))
for i in $(seq 1 "$copies"); do
  mkdir -p "$work/files/copy$i"
  cp -r "$corpus"/. "$work/files/copy$i/"
done
find "$work/files" -type f ! -name '*.evtx' -delete
events=$(( per_copy * copies ))
bytes=$(find "$work/files" -name '*.evtx' -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$work/files" -name '*.evtx' | wc -l)
echo "corpus: $copies copies, $files files, $events events, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1048576}') MB; $(nproc) cores, --threads $threads" >&2

big="$work/big.evtx"
first=$(find "$work/files" -name "*.evtx" | sort | sed -n 1p)
head -c 4096 "$first" > "$big"
find "$work/files" -name '*.evtx' | sort | while IFS= read -r f; do tail -c +4097 "$f" >> "$big"; done

results="$work/results.tsv"
: > "$results"
measure() { # name, events, command...
  local name="$1" count="$2"; shift 2
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" > "$work/out" 2> "$work/err" || { tail -20 "$work/err" >&2; echo "$name failed" >&2; exit 1; }
  read -r seconds rss_kb user_s sys_s < "$work/time"
  local cpu
  cpu=$(awk -v u="$user_s" -v s="$sys_s" 'BEGIN {printf "%.2f", u+s}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$count" "$seconds" "$rss_kb" "$cpu" "$load" >> "$results"
  echo "  $name: ${seconds}s (cpu ${cpu}s, load average ${load}), peak ${rss_kb} KB" >&2
}

echo "running..." >&2
measure "vigie hunt, whole command" "$events" "${vigie[@]}" hunt "$work/files" "${rules[@]}" --threads "$threads" --format csv
grep -E '^(rules|hunt|detections|cpu):' "$work/err" >&2 || true
hunt_seconds=$(sed -n 's/^hunt: .* events in \([0-9.]*\) s .*/\1/p' "$work/err")
hunt_rss=$(tail -1 "$results" | cut -f4)
hunt_load=$(tail -1 "$results" | cut -f6)
hunt_cpu=$(sed -n 's/^cpu: \([0-9.]*\) s .*/\1/p' "$work/err")
printf '%s\t%s\t%s\t%s\t%s\t%s\n' "vigie hunt, hunt only (rules loaded)" "$events" "$hunt_seconds" "$hunt_rss" "$hunt_cpu" "$hunt_load" >> "$results"
measure "vigie hunt, one $(awk -v b="$(stat -c %s "$big")" 'BEGIN {printf "%.0f", b/1048576}') MB file" "$events" "${vigie[@]}" hunt "$big" "${rules[@]}" --threads "$threads" --format csv
if [ "$skip_evtxexport" = 0 ]; then
  # evtxexport reads one file per process: run one per core, like vigie uses every core.
  measure "evtxexport -f xml (${threads} at a time)" "$events" \
    bash -c 'find "$1" -name "*.evtx" -print0 | xargs -0 -n 1 -P "$2" evtxexport -f xml' _ "$work/files" "$threads"
fi

echo
printf '%-40s %8s %12s %9s %8s %8s %6s\n' "run" "seconds" "events/s" "peak MB" "ratio" "cpu s" "load"
reference=$(awk -F'\t' '/^evtxexport/ {print $2/$3}' "$results")
while IFS=$'\t' read -r name count seconds rss cpu load; do
  rate=$(awk -v c="$count" -v s="$seconds" 'BEGIN {printf "%.0f", c/(s>0?s:0.01)}')
  peak=$(awk -v k="$rss" 'BEGIN {printf "%.0f", k/1024}')
  ratio=$(awk -v r="$rate" -v ref="${reference:-0}" 'BEGIN {if (ref>0) printf "%.2fx", r/ref; else printf "-"}')
  printf '%-40s %8s %12s %9s %8s %8s %6s\n' "$name" "$seconds" "$rate" "$peak" "$ratio" "$cpu" "$load"
done < "$results"
