#!/usr/bin/env bash
# Side by side, in one run, on the same files: `vigie evtx dump` (xml, jsonl, field access only) and
# libevtx's `evtxexport -f xml`. The shared corpus (../shared/data/evtx, 8,255 records) is copied enough
# times to reach at least 150,000 records. Reports records/s, MB/s (input .evtx bytes), peak memory (RSS)
# and the ratio to evtxexport. A last run reads one big file (every chunk of every copy in a single .evtx)
# to show that memory stays flat whatever the file size.
#
#   bench/evtx-vs-evtxexport/run.sh [--threads N] [--min-records N] [--skip-evtxexport]
#
# Needs: the .NET SDK, evtxexport (Debian: libevtx-utils), GNU time (Debian: time).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
corpus="${VIGIE_EVTX_CORPUS:-$repo/../shared/data/evtx}"
threads=$(nproc)
min_records=150000
skip_evtxexport=0
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --min-records) min_records="$2"; shift 2 ;;
    --skip-evtxexport) skip_evtxexport=1; shift ;;
    *) echo "usage: $0 [--threads N] [--min-records N] [--skip-evtxexport]" >&2; exit 2 ;;
  esac
done

[ -d "$corpus" ] || { echo "corpus not found: $corpus" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is needed (apt-get install time)" >&2; exit 1; }
command -v evtxexport >/dev/null || [ "$skip_evtxexport" = 1 ] || { echo "evtxexport is needed (apt-get install libevtx-utils)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/vigie-evtx-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "building vigie (Release)..." >&2
dotnet publish "$repo/src/Vigie.Cli/Vigie.Cli.csproj" -c Release -o "$work/bin" --nologo -v quiet >/dev/null
vigie=(dotnet "$work/bin/vigie.dll")

# Records in one copy of the corpus, counted by vigie itself.
per_copy=$("${vigie[@]}" evtx dump "$corpus" --format jsonl --threads "$threads" --quiet | wc -l)
copies=$(( (min_records + per_copy - 1) / per_copy ))
for i in $(seq 1 "$copies"); do
  mkdir -p "$work/files/copy$i"
  cp -r "$corpus"/. "$work/files/copy$i/"
done
find "$work/files" -type f ! -name '*.evtx' -delete
records=$(( per_copy * copies ))
bytes=$(find "$work/files" -name '*.evtx' -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$work/files" -name '*.evtx' | wc -l)
mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1048576}')
echo "corpus: $copies copies, $files files, $records records, $mb MB; $(nproc) cores, vigie --threads $threads" >&2

# One big file: the header of a corpus file, then every chunk of every copy.
big="$work/big.evtx"
first=$(find "$work/files" -name "*.evtx" | sort | sed -n 1p)
head -c 4096 "$first" > "$big"
find "$work/files" -name '*.evtx' | sort | while IFS= read -r f; do tail -c +4097 "$f" >> "$big"; done
big_mb=$(awk -v b="$(stat -c %s "$big")" 'BEGIN {printf "%.1f", b/1048576}')

results="$work/results.tsv"
: > "$results"
measure() { # name, count, input bytes, command...
  local name="$1" count="$2" input="$3"; shift 3
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" > "$work/out" 2> "$work/err" || { cat "$work/err" >&2; echo "$name failed" >&2; exit 1; }
  read -r seconds rss_kb user_s sys_s < "$work/time"
  local cpu
  cpu=$(awk -v u="$user_s" -v s="$sys_s" 'BEGIN {printf "%.2f", u+s}')
  local out_mb
  out_mb=$(awk -v b="$(stat -c %s "$work/out")" 'BEGIN {printf "%.1f", b/1048576}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$count" "$input" "$seconds" "$rss_kb" "$out_mb" "$cpu" "$load" >> "$results"
  echo "  $name: ${seconds}s (cpu ${cpu}s, load average ${load}), peak ${rss_kb} KB" >&2
}

echo "running..." >&2
measure "vigie dump --format xml" "$records" "$bytes" "${vigie[@]}" evtx dump "$work/files" --format xml --threads "$threads" --quiet
measure "vigie dump --format jsonl" "$records" "$bytes" "${vigie[@]}" evtx dump "$work/files" --format jsonl --threads "$threads" --quiet
measure "vigie field access only" "$records" "$bytes" "${vigie[@]}" evtx dump "$work/files" --format none --threads "$threads" --quiet
measure "vigie xml, one ${big_mb} MB file" "$records" "$(stat -c %s "$big")" "${vigie[@]}" evtx dump "$big" --format xml --threads "$threads" --quiet
if [ "$skip_evtxexport" = 0 ]; then
  # evtxexport reads one file per process: run one per core, like vigie uses every core.
  measure "evtxexport -f xml (${threads} at a time)" "$records" "$bytes" \
    bash -c 'find "$1" -name "*.evtx" -print0 | xargs -0 -n 1 -P "$2" evtxexport -f xml' _ "$work/files" "$threads"
fi

echo
printf '%-40s %8s %12s %9s %9s %8s %8s %6s\n' "run" "seconds" "records/s" "MB/s" "peak MB" "ratio" "cpu s" "load"
reference=$(awk -F'\t' '/^evtxexport/ {print $2/$4}' "$results")
while IFS=$'\t' read -r name count input seconds rss out_mb cpu load; do
  rate=$(awk -v c="$count" -v s="$seconds" 'BEGIN {printf "%.0f", c/(s>0?s:0.01)}')
  mbs=$(awk -v b="$input" -v s="$seconds" 'BEGIN {printf "%.1f", b/1048576/(s>0?s:0.01)}')
  peak=$(awk -v k="$rss" 'BEGIN {printf "%.0f", k/1024}')
  ratio=$(awk -v r="$rate" -v ref="${reference:-0}" 'BEGIN {if (ref>0) printf "%.1fx", r/ref; else printf "-"}')
  printf '%-40s %8s %12s %9s %9s %8s %8s %6s\n' "$name" "$seconds" "$rate" "$mbs" "$peak" "$ratio" "$cpu" "$load"
done < "$results"
