#!/usr/bin/env bash
# Fidelity anyone can check: Chainsaw (its Sigma mapping, share/chainsaw/mappings/sigma-event-logs-all.yml) and Vigie
# hunt the shared corpus (../shared/data/evtx) with the same SigmaHQ rules; every detection one has and the other
# lacks is explained, rule by rule, with its cause (compare.py says what each cause means).
#
#   bench/hunt-fidelity/run.sh [--keep DIR]      (--keep: leave the outputs in DIR)
#
# Needs: the .NET SDK, Chainsaw (../shared/peers/bin/chainsaw or $PATH), python3 with PyYAML (Debian: python3-yaml).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
corpus="${VIGIE_EVTX_CORPUS:-$repo/../shared/data/evtx}"
sigma="${VIGIE_SIGMA_RULES:-$repo/../shared/data/sigma}"
peers="${VIGIE_PEERS:-$repo/../shared/peers}"
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep="$2"; shift 2 ;;
    *) sed -n '2,9p' "$0" >&2; exit 2 ;;
  esac
done
chainsaw=$([ -x "$peers/bin/chainsaw" ] && echo "$peers/bin/chainsaw" || command -v chainsaw || true)
mapping="$peers/share/chainsaw/mappings/sigma-event-logs-all.yml"
[ -n "$chainsaw" ] || { echo "chainsaw not found (../shared/peers/bin or \$PATH)" >&2; exit 1; }
[ -f "$mapping" ] || { echo "Chainsaw's mapping not found: $mapping" >&2; exit 1; }
python3 -c 'import yaml' 2>/dev/null || { echo "python3 with PyYAML is needed (apt-get install python3-yaml)" >&2; exit 1; }

work=${keep:-$(mktemp -d "${TMPDIR:-/tmp}/vigie-hunt-fidelity.XXXXXX")}
mkdir -p "$work"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT
folders=("$sigma/rules/windows" "$sigma/rules-emerging-threats" "$sigma/rules-threat-hunting")

echo "building vigie (Release, as ./vigie publishes it)..." >&2
"$repo/scripts/publish-vigie" "$work/bin" >/dev/null   # as ./vigie runs it: vigie-batch (Native AOT) does the hunt
vigie=(env VIGIE_BIN="$work/bin" "$repo/vigie")   # the ./vigie launcher, on the folder just published
export VIGIE_RULE_CACHE=off

echo "vigie hunt..." >&2
"${vigie[@]}" hunt "$corpus" --rules "${folders[@]}" --format jsonl --output "$work/vigie.jsonl" --quiet 2> "$work/vigie.err" || true
[ -s "$work/vigie.jsonl" ] || { cat "$work/vigie.err" >&2; echo "vigie hunt wrote no detections" >&2; exit 1; }
"${vigie[@]}" rules check "${folders[@]}" > "$work/rejected.txt" 2>&1 || true
echo "chainsaw hunt..." >&2
chainsaw_rules=()
for f in "${folders[@]}"; do chainsaw_rules+=(-s "$f"); done
"$chainsaw" hunt "$corpus" "${chainsaw_rules[@]}" -m "$mapping" --jsonl -o "$work/chainsaw.jsonl" -q --skip-errors 2> "$work/chainsaw.err"
echo "chainsaw lint (the rules it cannot load)..." >&2
for f in "${folders[@]}"; do "$chainsaw" lint --kind sigma "$f" 2>&1 || true; done > "$work/lint.txt"
echo "the corpus's events, file by file (for the providers and fields of the events that differ)..." >&2
: > "$work/events.jsonl"
find "$corpus" -name '*.evtx' | sort | while IFS= read -r file; do
  "${vigie[@]}" evtx dump "$file" --format jsonl --quiet 2>/dev/null \
    | python3 -c 'import json, sys
for line in sys.stdin:
    d = json.loads(line); d["file"] = sys.argv[1]; print(json.dumps(d))' "$file" >> "$work/events.jsonl"
done

python3 "$repo/bench/hunt-fidelity/compare.py" "$work/vigie.jsonl" "$work/chainsaw.jsonl" "${folders[@]}" \
  --lint "$work/lint.txt" --rejected "$work/rejected.txt" --mapping "$mapping" --events "$work/events.jsonl"
