#!/usr/bin/env bash
# Vigie vs Chainsaw vs Hayabusa, side by side in one run, on the same EVTX files: the whole command each time
# (start-up and rule loading included), GNU time for wall seconds, peak memory (max RSS) and CPU seconds.
# The shared corpus (../shared/data/evtx, 277 files, 8,255 records) is copied until it holds --min-events events.
#
#   vigie hunt FILES --rules rules/windows rules-emerging-threats rules-threat-hunting     (every SigmaHQ Windows rule)
#   chainsaw hunt FILES -s (the same three folders) -m sigma-event-logs-all.yml --jsonl    (the same rules, its mapping)
#   hayabusa csv-timeline -d FILES -w                                                      (its own converted rules, as it ships)
#
# Vigie runs --runs times after one untimed run that fills its compiled rule cache; the median is reported, and the
# first (cold: rules compiled) run is shown too. Each peer runs --peer-runs times (default 1: minutes each), median.
# A peer that is absent (../shared/peers/bin or $PATH) is skipped, and the script says so.
#
#   bench/hunt-vs-peers/run.sh [--min-events N] [--runs N] [--peer-runs N] [--threads N] [--skip-peers]
#                              [--peers-at N]
#
# --peers-at N: run the peers on an N-event copy instead (e.g. 157k when the Vigie case is 1,000,000 events, where
# the peers would take about 20 minutes each) and extrapolate their time linearly to the Vigie case, marked as such.
# Needs: the .NET SDK, GNU time (Debian: time); hayabusa needs libmimalloc2.0.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
corpus="${VIGIE_EVTX_CORPUS:-$repo/../shared/data/evtx}"
sigma="${VIGIE_SIGMA_RULES:-$repo/../shared/data/sigma}"
peers="${VIGIE_PEERS:-$repo/../shared/peers}"
threads=$(nproc)
min_events=150000
runs=3
peer_runs=1
skip_peers=0
peers_at=0
while [ $# -gt 0 ]; do
  case "$1" in
    --min-events) min_events="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --peer-runs) peer_runs="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --skip-peers) skip_peers=1; shift ;;
    --peers-at) peers_at="$2"; shift 2 ;;
    *) sed -n '2,21p' "$0" >&2; exit 2 ;;
  esac
done

[ -d "$corpus" ] || { echo "corpus not found: $corpus" >&2; exit 1; }
[ -d "$sigma/rules/windows" ] || { echo "Sigma rules not found: $sigma" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is needed (apt-get install time)" >&2; exit 1; }

find_tool() { # name -> path or empty
  if [ -x "$peers/bin/$1" ]; then echo "$peers/bin/$1"; else command -v "$1" || true; fi
}
chainsaw=$(find_tool chainsaw)
hayabusa=$(find_tool hayabusa)
mapping="$peers/share/chainsaw/mappings/sigma-event-logs-all.yml"

work=$(mktemp -d "${TMPDIR:-/tmp}/vigie-hunt-peers.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores; $(uptime)" >&2
echo "building vigie (Release, as ./vigie publishes it)..." >&2
"$repo/scripts/publish-vigie" "$work/bin" >/dev/null   # as ./vigie runs it: vigie-batch (Native AOT) does the hunt
vigie=(env VIGIE_BIN="$work/bin" "$repo/vigie")   # the ./vigie launcher, on the folder just published
export VIGIE_RULE_CACHE="$work/rule-cache"

per_copy=$("${vigie[@]}" evtx dump "$corpus" --format jsonl --threads "$threads" --quiet | wc -l)
make_copies() { # folder, events -> number of copies made
  local folder="$1" want="$2" copies i
  copies=$(( (want + per_copy - 1) / per_copy ))
  for i in $(seq 1 "$copies"); do
    mkdir -p "$folder/copy$i"
    cp -r "$corpus"/. "$folder/copy$i/"
  done
  find "$folder" -type f ! -name '*.evtx' -delete
  echo "$copies"
}
copies=$(make_copies "$work/files" "$min_events")
events=$(( per_copy * copies ))
files=$(find "$work/files" -name '*.evtx' | wc -l)
echo "corpus: $copies copies, $files files, $events events; --threads $threads for vigie (the peers use every core)" >&2
peer_files="$work/files"
peer_events=$events
if [ "$peers_at" -gt 0 ] && [ "$peers_at" -lt "$events" ]; then
  peer_copies=$(make_copies "$work/peer-files" "$peers_at")
  peer_events=$(( per_copy * peer_copies ))
  peer_files="$work/peer-files"
  echo "peers run on $peer_events events ($peer_copies copies) and are extrapolated linearly to $events" >&2
fi

results="$work/results.tsv"
: > "$results"
measure() { # name, events, output file (for detections), command...
  local name="$1" count="$2" out="$3"; shift 3
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  local rc=0
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" > "$work/stdout" 2> "$work/stderr" || rc=$?
  # vigie exits 1 for damaged inputs and 3 for rejected rules (two SigmaHQ rules need placeholders): still a run
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ] && [ "$rc" -ne 3 ]; then tail -20 "$work/stderr" >&2; echo "$name failed ($rc)" >&2; exit 1; fi
  tail -1 "$work/time" > "$work/time1"
  read -r seconds rss_kb user_s sys_s < "$work/time1"
  local cpu
  cpu=$(awk -v u="$user_s" -v s="$sys_s" 'BEGIN {printf "%.1f", u+s}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$count" "$seconds" "$rss_kb" "$cpu" "$load" >> "$results"
  echo "  $name: ${seconds}s, cpu ${cpu}s, peak $((rss_kb / 1024)) MB (load average ${load})" >&2
}

median() { # name-prefix -> median line (by seconds) of the results whose name starts with it
  grep -F "$1" "$results" | sort -t$'\t' -k3,3g | awk -v n="$(grep -cF "$1" "$results")" 'NR == int((n + 1) / 2)'
}

vigie_args=(hunt "$work/files" --rules "$sigma/rules/windows" "$sigma/rules-emerging-threats" "$sigma/rules-threat-hunting"
  --threads "$threads" --format csv --output "$work/vigie.csv")
echo "running vigie..." >&2
measure "vigie cold (rules compiled)" "$events" "$work/vigie.csv" "${vigie[@]}" "${vigie_args[@]}"
grep -E '^(rules|hunt|detections):' "$work/stderr" | sed 's/^/    /' >&2
vigie_detections=$(sed -n 's/^detections: \([0-9,]*\).*/\1/p' "$work/stderr" | tr -d ,)
for i in $(seq 1 "$runs"); do
  measure "vigie run $i (rule cache)" "$events" "$work/vigie.csv" "${vigie[@]}" "${vigie_args[@]}"
  sed -n 's/^rules: .* in \([0-9.]*\) s .*/\1/p' "$work/stderr" >> "$work/vigie-rule-load"
done
rule_load=$(sort -g "$work/vigie-rule-load" | awk -v n="$runs" 'NR == int((n + 1) / 2)')

chainsaw_detections=-; hayabusa_detections=-
if [ "$skip_peers" = 1 ]; then
  echo "peers skipped (--skip-peers)" >&2
else
  if [ -n "$chainsaw" ] && [ -f "$mapping" ]; then
    echo "running chainsaw ($chainsaw)..." >&2
    for i in $(seq 1 "$peer_runs"); do
      rm -f "$work/chainsaw.jsonl"
      measure "chainsaw run $i" "$peer_events" "$work/chainsaw.jsonl" "$chainsaw" hunt "$peer_files" \
        -s "$sigma/rules/windows" -s "$sigma/rules-emerging-threats" -s "$sigma/rules-threat-hunting" \
        -m "$mapping" --jsonl -o "$work/chainsaw.jsonl" -q --skip-errors
    done
    chainsaw_detections=$(wc -l < "$work/chainsaw.jsonl")
  else
    echo "chainsaw not found (looked in $peers/bin and \$PATH, mapping $mapping): skipped" >&2
  fi
  if [ -n "$hayabusa" ] && [ -d "$peers/share/hayabusa/config" ]; then
    echo "running hayabusa ($hayabusa)..." >&2
    cp -r "$peers/share/hayabusa" "$work/hayabusa"   # it needs its config/ and rules/ in the working folder
    for i in $(seq 1 "$peer_runs"); do
      measure "hayabusa run $i" "$peer_events" "$work/hayabusa.csv" \
        bash -c 'cd "$1" && exec "$2" csv-timeline -d "$3" -w -C -K -q -Q -o "$4"' _ "$work/hayabusa" "$hayabusa" "$peer_files" "$work/hayabusa.csv"
    done
    hayabusa_detections=$(( $(wc -l < "$work/hayabusa.csv") - 1 ))
  else
    echo "hayabusa not found (looked in $peers/bin and \$PATH, config in $peers/share/hayabusa): skipped" >&2
  fi
fi

echo
echo "# hunt vs peers: $events events ($files files), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "# vigie rule loading (median, compiled rule cache): ${rule_load:-?} s; detections: vigie ${vigie_detections:-?}, chainsaw ${chainsaw_detections}, hayabusa ${hayabusa_detections} (rows of each tool's own output)"
printf '%-34s %9s %12s %8s %7s %6s %12s %12s\n' "run" "seconds" "events/s" "peak MB" "cpu s" "load" "vs chainsaw" "vs hayabusa"
vigie_line=$(median "vigie run")
vigie_seconds=$(echo "$vigie_line" | cut -f3)
row() { # line [scale]: prints one table row; the peers' seconds are scaled to the Vigie case when run on fewer events
  local name count seconds rss cpu load scale="${2:-1}" label
  IFS=$'\t' read -r name count seconds rss cpu load <<< "$1"
  label="$name"
  if [ "$scale" != 1 ]; then
    seconds=$(awk -v s="$seconds" -v k="$scale" 'BEGIN {printf "%.1f", s*k}')
    count=$events
    label="$name (extrapolated x$(awk -v k="$scale" 'BEGIN {printf "%.2f", k}'))"
  fi
  local rate vs_c vs_h
  rate=$(awk -v c="$count" -v s="$seconds" 'BEGIN {printf "%.0f", c/(s>0?s:0.01)}')
  vs_c=$(awk -v s="$seconds" -v c="${chainsaw_seconds:-0}" 'BEGIN {if (c>0) printf "%.1fx", c/s; else printf "-"}')
  vs_h=$(awk -v s="$seconds" -v h="${hayabusa_seconds:-0}" 'BEGIN {if (h>0) printf "%.1fx", h/s; else printf "-"}')
  printf '%-34s %9s %12s %8s %7s %6s %12s %12s\n' "$label" "$seconds" "$rate" "$((rss / 1024))" "$cpu" "$load" "$vs_c" "$vs_h"
}
scale=$(awk -v e="$events" -v p="$peer_events" 'BEGIN {printf "%.6f", e/p}')
[ "$peer_events" = "$events" ] && scale=1
chainsaw_line=$(median "chainsaw run" || true)
hayabusa_line=$(median "hayabusa run" || true)
chainsaw_seconds=$( [ -n "$chainsaw_line" ] && awk -v s="$(echo "$chainsaw_line" | cut -f3)" -v k="$scale" 'BEGIN {printf "%.1f", s*k}' || echo 0)
hayabusa_seconds=$( [ -n "$hayabusa_line" ] && awk -v s="$(echo "$hayabusa_line" | cut -f3)" -v k="$scale" 'BEGIN {printf "%.1f", s*k}' || echo 0)
row "$(grep -F 'vigie cold' "$results")"
row "$(echo "$vigie_line" | sed 's/run [0-9]* (rule cache)/median of '"$runs"' (rule cache)/')"
[ -n "$chainsaw_line" ] && row "$(echo "$chainsaw_line" | sed 's/run [0-9]*/median of '"$peer_runs"'/')" "$scale"
[ -n "$hayabusa_line" ] && row "$(echo "$hayabusa_line" | sed 's/run [0-9]*/median of '"$peer_runs"'/')" "$scale"
echo "# ratio columns: the peer's seconds divided by the row's seconds (how many times faster than the peer)"
