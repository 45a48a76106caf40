#!/usr/bin/env python3
"""Compares Vigie's and Chainsaw's detections on the same EVTX files, rule by rule (bench/hunt-fidelity/run.sh).

A detection is (file, EventRecordID, rule id). Every detection that one tool has and the other lacks gets a cause:
  rule-rejected-by-vigie     the rule does not load in Vigie (placeholders without values, ...)
  rule-not-loaded-chainsaw   the rule does not load in Chainsaw (chainsaw lint lists it), or its mapping excludes it
  mapping-4688               process_creation on Security 4688: Vigie renames the rule's fields to 4688's
                             (Image -> NewProcessName, ...) and leaves out rules 4688 cannot decide; Chainsaw applies
                             the rule's field names to 4688 events as they are
  field-collision            a name both in System and in the event's data (event 104's Channel): Vigie reads the
                             data's value, Chainsaw's mapping reads System's
  chainsaw-logsource-filter  Chainsaw's mapping narrows the rule's log source to a provider or event ids that the
                             event does not have (service: security is Microsoft-Windows-Security-Auditing only, so
                             event 1102 of Microsoft-Windows-Eventlog in the Security log is not given to its rules)
  field-not-in-chainsaw-map  the rule reads a field that Chainsaw's mapping does not list: Chainsaw never sees it
  sigma-escapes              the rule's values use the specification's escapes (\\\\ for one backslash, \\* and \\? for a
                             plain star or question mark, e.g. '\\\\\\\\127.0.0.1\\\\' for \\\\127.0.0.1\\): Vigie reads them as the
                             specification says, Chainsaw compares the escaped text as it is
  inner-wildcard             a contains/startswith/endswith value with a wildcard inside ('whoami*>'): Vigie applies
                             it as the specification says, Chainsaw does not match
  typed-value                the event's value is typed (Sysmon's Initiated is a boolean, rendered "true") and the rule
                             compares text ('true'): Vigie compares the rendered text, Chainsaw the types
  absent-field               a field the rule reads is absent from the event (older Sysmon schemas): Vigie follows
                             the specification (an absent field does not match, so 'not filter' is true)
  other                      none of the above: listed with an example event, to be read
Usage: compare.py VIGIE.jsonl CHAINSAW.jsonl RULES_DIR... --lint LINT.txt --mapping MAPPING.yml
                  [--rejected REJECTED.txt] [--events EVENTS.jsonl]
EVENTS.jsonl: the corpus as `vigie evtx dump --format jsonl`, one file per line group, each line with a "file" key.
"""
import yaml
import collections
import json
import os
import re
import sys


def rule_index(folders):
    """id -> (path, title, category, service) for every rule file."""
    rules = {}
    for folder in folders:
        for root, _, files in os.walk(folder):
            for name in files:
                if not name.endswith((".yml", ".yaml")):
                    continue
                path = os.path.join(root, name)
                text = open(path, encoding="utf-8", errors="replace").read()
                rid = re.search(r"^id:\s*(\S+)", text, re.M)
                title = re.search(r"^title:\s*(.+)$", text, re.M)
                category = re.search(r"^\s+category:\s*(\S+)", text, re.M)
                service = re.search(r"^\s+service:\s*(\S+)", text, re.M)
                if rid:
                    fields = set()
                    escapes = False
                    inner = False
                    try:
                        detection = (yaml.safe_load(text) or {}).get("detection") or {}
                        for key, value in detection.items():
                            for item in (value if isinstance(value, list) else [value]):
                                if isinstance(item, dict):
                                    fields.update(k.split("|")[0] for k in item if k.split("|")[0])
                                    for k, v in item.items():
                                        for one in (v if isinstance(v, list) else [v]):
                                            if "|re" not in k and isinstance(one, str) and ("\\\\" in one or "\\*" in one or "\\?" in one):
                                                escapes = True
                                            if ("|contains" in k or "|startswith" in k or "|endswith" in k) and isinstance(one, str) \
                                                    and ("*" in one.strip("*") or "?" in one):
                                                inner = True
                    except yaml.YAMLError:
                        pass
                    rules[rid.group(1).strip("'\"")] = (path, title.group(1).strip().strip("'\"") if title else name,
                                                        category.group(1) if category else None,
                                                        service.group(1) if service else None, fields, escapes, inner)
    return rules


def main():
    args = sys.argv[1:]
    lint = args[args.index("--lint") + 1]
    rejected_file = args[args.index("--rejected") + 1] if "--rejected" in args else None
    mapping = args[args.index("--mapping") + 1] if "--mapping" in args else None
    positional = [a for i, a in enumerate(args) if not a.startswith("--") and (i == 0 or not args[i - 1].startswith("--"))]
    system_fields = {"EventID", "Channel", "Provider_Name", "Computer", "Level", "Task", "Opcode", "Keywords", "Version",
                     "EventRecordID", "TimeCreated_SystemTime", "Security_UserID", "Execution_ProcessID", "Execution_ThreadID"}
    vigie_path, chainsaw_path, folders = positional[0], positional[1], positional[2:]
    rules = rule_index(folders)
    by_path = {os.path.realpath(v[0]): k for k, v in rules.items()}

    not_loaded = set()   # rule ids Chainsaw cannot load
    for line in open(lint, encoding="utf-8", errors="replace"):
        m = re.match(r"\[!\] (\S.*?\.ya?ml): ", line)
        if m:
            rel = m.group(1)
            for path, rid in by_path.items():
                if path.endswith(rel):
                    not_loaded.add(rid)
    excluded_titles, mapped_fields, preconditions = set(), set(), []
    if mapping:
        m = yaml.safe_load(open(mapping, encoding="utf-8"))
        excluded_titles = set(m.get("exclusions") or [])
        for group in m.get("groups") or []:
            mapped_fields.update(f["from"] for f in group.get("fields") or [] if "from" in f)
        for p in (m.get("extensions") or {}).get("preconditions") or []:
            filters = p["filter"] if isinstance(p["filter"], list) else [p["filter"]]
            preconditions.append((p["for"], filters))
    details = {}  # (file, record) -> (provider, {field names})
    if "--events" in args:
        for line in open(args[args.index("--events") + 1], encoding="utf-8", newline="\n"):
            try:
                d = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line of the dump cut short: that event's provider and fields stay unknown
            ev = d["Event"]
            system = ev.get("System") or {}
            provider = ((system.get("Provider") or {}).get("#attributes") or {}).get("Name")
            names = set((ev.get("EventData") or {}).keys()) if isinstance(ev.get("EventData"), dict) else set()
            if isinstance(ev.get("UserData"), dict):
                for v in ev["UserData"].values():
                    if isinstance(v, dict):
                        names.update(v.keys())
            data = ev.get("EventData") if isinstance(ev.get("EventData"), dict) else {}
            details[(os.path.realpath(d["file"]), int(system.get("EventRecordID", -1)))] = (provider, {n.replace(" ", "") for n in names}, data)
    excluded = {rid for rid, v in rules.items() if v[1] in excluded_titles}
    rejected = set()
    if rejected_file:
        for line in open(rejected_file, encoding="utf-8"):
            path = line.split(": ", 1)[0]
            rid = by_path.get(os.path.realpath(path))
            if rid:
                rejected.add(rid)

    vigie, chainsaw, events = {}, {}, {}

    def records(path):
        """JSON lines, read as the peer wrote them: a record with a raw line break inside a string spans several
        lines; a record cut short (the next record starts before it ends) is counted and skipped, and said."""
        pending, cut = "", 0
        for line in open(path, encoding="utf-8", newline="\n"):
            if pending and line.startswith("{"):
                cut += 1  # the pending record never closed: the writer cut it
                pending = ""
            pending += line
            try:
                record = json.loads(pending, strict=False)
            except json.JSONDecodeError:
                continue
            pending = ""
            yield record
        cut += 1 if pending.strip() else 0
        if cut:
            print(f"note: {cut} record(s) of {os.path.basename(path)} are cut short (written incompletely) and not counted", file=sys.stderr)

    for d in records(vigie_path):
        if d.get("correlation"):
            continue
        key = (os.path.realpath(d["source_file"]), int(d["record_id"]), d["rule_id"])
        vigie[key] = d
        events[key[:2]] = (d["channel"], d["event_id"], d.get("details", {}))
    for d in records(chainsaw_path):
        system = d["document"]["data"]["Event"]["System"]
        record = system["EventRecordID"]
        key = (os.path.realpath(d["document"]["path"]), int(record), d["id"])
        chainsaw[key] = d
        event_id = system["EventID"]
        if isinstance(event_id, dict):
            event_id = event_id.get("#text") or event_id.get("value")
        data = d["document"]["data"]["Event"]
        events.setdefault(key[:2], (system.get("Channel"), int(event_id), data.get("EventData") or data.get("UserData") or {}))

    def precondition_fails(category, service, provider, event_id):
        for target, filters in preconditions:
            key, value = next(iter(target.items()))
            if (key == "logsource.category" and value == category) or (key == "logsource.service" and value == service):
                def ok(f):
                    if "Provider" in f and f["Provider"] != provider:
                        return False
                    ids = f.get("int(EventID)")
                    return ids is None or event_id in (ids if isinstance(ids, list) else [ids])
                return provider is not None and not any(ok(f) for f in filters)
        return False

    def cause(key, side):
        rid = key[2]
        channel, event_id, _ = events.get(key[:2], (None, None, None))
        _, _, category, service, fields, escapes, inner = rules.get(rid, (None, None, None, None, set(), False, False))
        provider, present, _ = details.get(key[:2], (None, None, {}))
        if rid in rejected:
            return "rule-rejected-by-vigie"
        if rid in not_loaded or rid in excluded:
            return "rule-not-loaded-chainsaw"
        if category == "process_creation" and channel == "Security" and event_id == 4688:
            return "mapping-4688"
        if event_id == 104 and channel == "System":
            return "field-collision"
        if precondition_fails(category, service, provider, event_id):
            return "chainsaw-logsource-filter"
        if mapped_fields and any(f not in mapped_fields for f in fields):
            return "field-not-in-chainsaw-map"
        if escapes:
            return "sigma-escapes"
        if inner:
            return "inner-wildcard"
        data = details.get(key[:2], (None, None, {}))[2]
        if any(isinstance(data.get(f), bool) for f in fields):
            return "typed-value"
        if present is not None and any(f not in present and f not in system_fields for f in fields):
            return "absent-field"
        return "other"

    only_vigie = sorted(set(vigie) - set(chainsaw))
    only_chainsaw = sorted(set(chainsaw) - set(vigie))
    both = len(set(vigie) & set(chainsaw))
    per_rule = collections.defaultdict(lambda: [0, 0, collections.Counter(), None])
    by_cause = collections.Counter()
    for side, keys in (("vigie", only_vigie), ("chainsaw", only_chainsaw)):
        for key in keys:
            c = cause(key, side)
            entry = per_rule[key[2]]
            entry[0 if side == "vigie" else 1] += 1
            entry[2][c] += 1
            entry[3] = entry[3] or key
            by_cause[(side, c)] += 1

    print(f"detections: vigie {len(vigie)}, chainsaw {len(chainsaw)}, both {both}, "
          f"only vigie {len(only_vigie)}, only chainsaw {len(only_chainsaw)}")
    print(f"rules Chainsaw cannot load: {len(not_loaded)} (lint) + {len(excluded)} excluded by its mapping; rules Vigie rejects: {len(rejected)}")
    print("differences by cause:")
    for (side, c), n in sorted(by_cause.items()):
        print(f"  only {side:8} {c:26} {n:6}")
    print("rule by rule (only vigie / only chainsaw, cause, an example event):")
    for rid, (v, c, causes, example) in sorted(per_rule.items(), key=lambda kv: (-(kv[1][0] + kv[1][1]), kv[0])):
        path, title, category, service, fields, _, _ = rules.get(rid, ("?", "?", None, None, set(), False, False))
        channel, event_id, data = events.get(example[:2], (None, None, {}))
        print(f"  {v:5} / {c:5}  {', '.join(f'{k} {n}' for k, n in causes.items()):40} {title} ({rid})")
        print(f"               e.g. {os.path.basename(example[0])} record {example[1]}: {channel} {event_id}")
        if "field-not-in-chainsaw-map" in causes:
            print(f"               fields Chainsaw's mapping lacks: {', '.join(sorted(f for f in fields if f not in mapped_fields))}")
        if "absent-field" in causes and example[:2] in details:
            print(f"               absent from the event: {', '.join(sorted(f for f in fields if f not in details[example[:2]][1] and f not in system_fields))}")


if __name__ == "__main__":
    main()
