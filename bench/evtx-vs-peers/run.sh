#!/usr/bin/env bash
# Side by side, in one run, on the same files and with the same thread count: `vigie evtx dump` and the peers
# investigators use: the Rust evtx crate's evtx_dump (../shared/peers/bin) and libevtx's evtxexport (Debian's
# libevtx-utils). Each case runs --runs times (median reported): records/s, peak memory (GNU time), ratio.
#
#   bench/evtx-vs-peers/run.sh [--runs 3] [--threads 2] [--min-records 150000] [--keep DIR]
#
# Cases (the shared corpus, ../shared/data/evtx, 8,255 records in 277 files, copied enough times):
#   jsonl, one big file   every chunk of every copy in a single .evtx (about 690 MB, 156,845 records)
#   jsonl, many files     the copies as files (5,263 files); evtx_dump takes one file per process: it is run
#                         once per file, one after the other, as a user would
#   xml, one big file     the same big file as XML
#   xml, many files       the copies as XML, against evtxexport (one process per file, --threads at a time)
#   field access          vigie only: every System field and named value read without building text (numbers as
#                         numbers, strings as the record's characters: EvtxRecord.GetValue), nothing written (--format none),
#                         compared with vigie's own JSON-lines rate over the same big file
# vigie runs as a user runs it, through the ./vigie launcher (on the folder just published, VIGIE_BIN), which starts
# vigie-batch (the dump compiled ahead of time) itself; vigie-batch is also timed alone on the big file (JSON lines,
# field access): the difference is the launcher's own cost.
# Vigie reads live records only here (--no-slack), as the peers do; outputs go to /dev/null; the record count
# of each output is checked once before the timed runs.
# Needs: the .NET SDK, GNU time (Debian: time). Peers that are absent are skipped and said so.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
corpus="${VIGIE_EVTX_CORPUS:-$repo/../shared/data/evtx}"
evtx_dump="${VIGIE_EVTX_DUMP:-$repo/../shared/peers/bin/evtx_dump}"
runs=3
threads=2
min_records=150000
keep=""
pairs=30
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --min-records) min_records="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    --pairs) pairs="$2"; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--threads N] [--min-records N] [--keep DIR] [--pairs N]" >&2; exit 2 ;;
  esac
done

[ -d "$corpus" ] || { echo "corpus not found: $corpus" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is needed (apt-get install time)" >&2; exit 1; }
have_evtx_dump=1; [ -x "$evtx_dump" ] || { have_evtx_dump=0; echo "evtx_dump not found at $evtx_dump: skipped" >&2; }
have_evtxexport=1; command -v evtxexport >/dev/null || { have_evtxexport=0; echo "evtxexport not found (apt-get install libevtx-utils): skipped" >&2; }

if [ -n "$keep" ]; then work="$keep"; mkdir -p "$work"; else
  work=$(mktemp -d "${TMPDIR:-/tmp}/vigie-evtx-peers.XXXXXX"); trap 'rm -rf "$work"' EXIT; fi

echo "building vigie (Release, published as ./vigie publishes it)..." >&2
"$repo/scripts/publish-vigie" "$work/bin" >/dev/null
vigie=(env VIGIE_BIN="$work/bin" "$repo/vigie")   # the ./vigie launcher, on the folder just published

per_copy=$("${vigie[@]}" evtx dump "$corpus" --format jsonl --threads "$threads" --quiet --no-slack | wc -l)
copies=$(( (min_records + per_copy - 1) / per_copy ))
if [ ! -f "$work/big.evtx" ]; then
  for i in $(seq 1 "$copies"); do mkdir -p "$work/files/copy$i"; cp -r "$corpus"/. "$work/files/copy$i/"; done
  find "$work/files" -type f ! -name '*.evtx' -delete
  # One big file: the header of a corpus file, then every chunk of every copy.
  first=$(find "$work/files" -name '*.evtx' | sort | sed -n 1p)
  head -c 4096 "$first" > "$work/big.evtx"
  find "$work/files" -name '*.evtx' | sort | while IFS= read -r f; do tail -c +4097 "$f" >> "$work/big.evtx"; done
fi
records=$(( per_copy * copies ))
files=$(find "$work/files" -name '*.evtx' | wc -l)
big_mb=$(awk -v b="$(stat -c %s "$work/big.evtx")" 'BEGIN {printf "%.0f", b/1048576}')
echo "corpus: $copies copies = $files files, $records records; big file ${big_mb} MB; $(nproc) cores, $threads threads, $runs runs" >&2
echo "load before: $(uptime)" >&2

# Peers' wrappers: evtx_dump once per file (one after the other), evtxexport once per file (threads at a time).
cat > "$work/evtx_dump_each.sh" <<SH
#!/usr/bin/env bash
find "\$1" -name '*.evtx' -print0 | sort -z | while IFS= read -r -d '' f; do "$evtx_dump" -o "\$2" -t $threads "\$f"; done
SH
chmod +x "$work/evtx_dump_each.sh"

results="$work/results.tsv"; : > "$results"
count_events() { # format, file -> records in an output
  case "$1" in
    jsonl) wc -l < "$2" ;;
    *) grep -c '<Event[ >]' "$2" || true ;;
  esac
}
median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; } # of the numbers on stdin, one a line
measure() { # case, tool, format, command...
  local case="$1" tool="$2" format="$3"; shift 3
  "$@" > "$work/out" 2> "$work/err" || { cat "$work/err" >&2; echo "$tool failed on $case" >&2; return 0; }
  local got; got=$(count_events "$format" "$work/out"); rm -f "$work/out"
  local times=() peaks=() cpus=()
  for r in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; echo "$tool failed" >&2; return 0; }
    read -r seconds peak user system < "$work/time"; times+=("$seconds"); peaks+=("$peak")
    cpus+=("$(awk -v u="$user" -v s="$system" 'BEGIN {printf "%.2f", u+s}')")
  done
  local middle peak cpu
  middle=$(printf '%s\n' "${times[@]}" | median)
  peak=$(printf '%s\n' "${peaks[@]}" | median)
  cpu=$(printf '%s\n' "${cpus[@]}" | median)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case" "$tool" "$middle" "$peak" "$got" "$(IFS=,; echo "${times[*]}")" "$cpu" >> "$results"
  echo "  $case / $tool: median ${middle}s of ${times[*]}, peak ${peak} KB, $got records out" >&2
}

big="$work/big.evtx"
echo "running..." >&2
measure "jsonl, one big file" "vigie" jsonl "${vigie[@]}" evtx dump "$big" -f jsonl -t "$threads" -q --no-slack
[ $have_evtx_dump = 1 ] && measure "jsonl, one big file" "evtx_dump" jsonl "$evtx_dump" -o jsonl -t "$threads" "$big"
# vigie-batch run directly: what the same dump costs without the launcher in front of it
batch="$work/bin/vigie-batch"
[ -x "$batch" ] && measure "jsonl, one big file" "vigie-batch alone" jsonl "$batch" evtx dump "$big" -f jsonl -t "$threads" -q --no-slack
measure "jsonl, many files" "vigie" jsonl "${vigie[@]}" evtx dump "$work/files" -f jsonl -t "$threads" -q --no-slack
[ $have_evtx_dump = 1 ] && measure "jsonl, many files" "evtx_dump (1 process per file)" jsonl "$work/evtx_dump_each.sh" "$work/files" jsonl
measure "xml, one big file" "vigie" xml "${vigie[@]}" evtx dump "$big" -f xml -t "$threads" -q --no-slack
[ $have_evtx_dump = 1 ] && measure "xml, one big file" "evtx_dump" xml "$evtx_dump" -o xml -t "$threads" "$big"
# evtxexport is not run on the big file: it trusts the file header's chunk count and stops after the first
# file's chunks (23 records of 156,845).
[ $have_evtxexport = 1 ] && measure "xml, many files" "vigie" xml "${vigie[@]}" evtx dump "$work/files" -f xml -t "$threads" -q --no-slack
[ $have_evtxexport = 1 ] && measure "xml, many files" "evtxexport ($threads processes at a time)" xml \
  bash -c 'find "$1" -name "*.evtx" -print0 | xargs -0 -n 1 -P "$2" evtxexport -f xml' _ "$work/files" "$threads"
measure "field access, one big file" "vigie --format none" none "${vigie[@]}" evtx dump "$big" -f none -t "$threads" -q --no-slack
[ -x "$batch" ] && measure "field access, one big file" "vigie-batch alone --format none" none "$batch" evtx dump "$big" -f none -t "$threads" -q --no-slack
# The ratio that matters for field access, from pairs of runs of the two formats, back to back in alternating
# order (--pairs, default 30), in milliseconds: measured one case after the other, the machine's phases (the same
# binary varies by a third from minute to minute here) can make it either way, and five pairs still swung from
# 1.7x to 2.0x between two runs. It prints the medians and the median of the per-pair ratios with its quartiles.
paired=""
if [ -x "$batch" ]; then
  wall_ms() { local s e; s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
  : > "$work/pairs"
  for r in $(seq 1 "$pairs"); do
    if (( r % 2 )); then
      j=$(wall_ms "$batch" evtx dump "$big" -f jsonl -t "$threads" -q --no-slack)
      n=$(wall_ms "$batch" evtx dump "$big" -f none -t "$threads" -q --no-slack)
    else
      n=$(wall_ms "$batch" evtx dump "$big" -f none -t "$threads" -q --no-slack)
      j=$(wall_ms "$batch" evtx dump "$big" -f jsonl -t "$threads" -q --no-slack)
    fi
    echo "$j $n" >> "$work/pairs"
  done
  quartiles() { sort -g | awk '{a[NR] = $1} END {printf "%.2f-%.2f", a[int((NR + 3) / 4)], a[int((3 * NR + 1) / 4)]}'; }
  json_ms=$(awk '{print $1}' "$work/pairs" | median)
  none_ms=$(awk '{print $2}' "$work/pairs" | median)
  ratio=$(awk '{printf "%.4f\n", ($2 > 0 ? $1 / $2 : 0)}' "$work/pairs" | median)
  spread=$(awk '{printf "%.4f\n", ($2 > 0 ? $1 / $2 : 0)}' "$work/pairs" | quartiles)
  paired=$(printf "field access vs JSON lines in pairs (vigie-batch alone, %d pairs): JSON lines %d ms, field access %d ms (medians); per-pair ratio median %.2fx, quartiles %s" \
    "$pairs" "$json_ms" "$none_ms" "$ratio" "$spread")
  echo "  $paired" >&2
fi
echo "load after: $(uptime)" >&2

echo
printf '%-28s %-34s %9s %12s %9s %7s %10s %11s\n' "case" "tool" "seconds" "records/s" "peak MB" "cpu s" "records" "vigie is"
while IFS=$'\t' read -r case tool seconds peak got all cpu; do
  rate=$(awk -v c="$records" -v s="$seconds" 'BEGIN {printf "%.0f", c/(s>0?s:0.001)}')
  vigie_s=$(awk -F'\t' -v c="$case" '$1==c && $2 ~ /^vigie/ {print $3; exit}' "$results")
  if [[ "$case" == field* ]]; then
    vigie_s=$(awk -F'\t' -v t="${tool% --format none}" '$1=="jsonl, one big file" && $2==t {print $3; exit}' "$results")
    ratio=$(awk -v a="$seconds" -v b="$vigie_s" 'BEGIN {if (a>0 && b>0) printf "%.2fx jsonl", b/a; else print "-"}')
  elif [[ "$tool" == vigie* ]]; then ratio="-"
  else ratio=$(awk -v a="$vigie_s" -v b="$seconds" 'BEGIN {if (a>0) printf "%.2fx", b/a; else print "-"}'); fi
  [[ "$case" == field* ]] && got="-"
  printf '%-28s %-34s %9s %12s %9.0f %7s %10s %11s\n' "$case" "$tool" "$seconds" "$rate" "$(awk -v k="$peak" 'BEGIN {print k/1024}')" "$cpu" "$got" "$ratio"
done < "$results"
[ -n "$paired" ] && echo "$paired"
echo
echo "records/s = $records records / median seconds (start-up included); 'vigie is' = the peer's time / vigie's time in the same case"
echo "(above 1: vigie is faster); for field access, the same tool's JSON-lines time over the same file / its field-access time."
echo "vigie: through the ./vigie launcher; vigie-batch alone: the dump it runs (compiled ahead of time), started directly."
echo "cpu s = median user + system CPU seconds of the runs (steadier than wall time on a shared machine)."
