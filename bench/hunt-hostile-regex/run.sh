#!/usr/bin/env bash
# Issue 13, item 7: what a hostile Sigma regular expression costs a hunt, measured.
#   bench/hunt-hostile-regex/run.sh [EVTX_DIR] [RULES]
# Writes one rule whose regular expression needs the backtracking engine (a lookahead and a backreference, with nested
# quantifiers that backtrack on long fields) and runs `vigie hunt` over the shared attack-simulation logs with it, with
# ten such detections in one rule, and with none (the reference). Prints wall and CPU time, the exit code and what the
# hunt said about the rule. Before the fix (issue 13): one such rule over 2,000 events took 208 s, ten were still
# running at 300 s, with exit code 0 and nothing said under -q.
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
evtx=${1:-$repo/../shared/data/evtx}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -d "$evtx" ] || { echo "no EVTX folder at $evtx" >&2; exit 2; }
"$repo/scripts/publish-vigie" >/dev/null || exit 2
vigie="$repo/vigie"

rule() { # $1 file, $2 number of hostile detections
  {
    echo "title: Hostile regular expression (bench)"
    echo "id: 6f0c1d52-7c9e-4f59-9d51-0b8f2e6a$(printf '%04d' "$2")"
    echo "status: test"
    echo "author: Vigie bench"
    echo "logsource: { product: windows }"
    echo "detection:"
    if [ "$2" -eq 0 ]; then
      echo "  s0:"
      echo "    CommandLine|contains: vssadmin"
    fi
    for i in $(seq 1 "$2"); do
      echo "  s$i:"
      echo "    CommandLine|re: '^(?=.*x)(([a-z0-9 \\\\.:-]+)+)+\\1(?:#$i)?\$'"
    done
    printf '  condition: 1 of s*\n'
    echo "level: high"
  } >"$1"
}

run() { # $1 label, $2 rules dir
  local start end cpu code
  start=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$work/time" env VIGIE_RULE_CACHE=off "$vigie" hunt -q -r "$2" -o "$work/out.csv" "$evtx" 2>"$work/err"
  code=$?
  end=$(date +%s.%N)
  cpu=$(tail -1 "$work/time" | awk '{print $1+$2}')
  printf '%-28s wall %6.1f s  cpu %6.1f s  exit %s\n' "$1" "$(echo "$end - $start" | bc)" "$cpu" "$code"
  grep -v '^\s*$' "$work/err" | grep -iv '^Command exited' | sed 's/^/    /' | head -4
}

mkdir -p "$work/none" "$work/one" "$work/ten"
rule "$work/none/plain.yml" 0
rule "$work/one/hostile.yml" 1
rule "$work/ten/hostile.yml" 10
echo "vigie hunt over $evtx ($(find "$evtx" -name '*.evtx' | wc -l) files)"
run "no hostile rule" "$work/none"
run "one hostile detection" "$work/one"
run "ten in one rule" "$work/ten"
