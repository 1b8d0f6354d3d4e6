"""Where an audit's time goes, from JFR execution samples (jfr print --json --events jdk.ExecutionSample).

Each sample is charged to the innermost frame of the kit or the reference on its stack, so a SnakeYAML or
Jackson frame counts for the code that called it. With two files, prints both as before and after. With
--between FROM TO (UTC times as JFR prints them, e.g. 2026-12-02T03:08:50), only the samples taken then count.
Usage: python3 scripts/profile_breakdown.py [--between FROM TO] SAMPLES.json [AFTER.json]
"""
import collections
import json
import sys

GROUPS = [
    ("kit: write the probe template as YAML (TemplateTree.write)", ["io.flowmesh.conformance.probe.TemplateTree.write"]),
    ("kit: read templates, alias check (TemplateTree.read)", ["io.flowmesh.conformance.probe.TemplateTree"]),
    ("kit: canonical trace and diff", ["io.flowmesh.conformance.probe.Values", "io.flowmesh.conformance.probe.TraceDiff",
                                       "io.flowmesh.conformance.probe.CanonicalTrace"]),
    ("kit: classification, judgement, report, CLI start", ["io.flowmesh.conformance"]),
    ("reference: YAML parse and schema validation", ["io.flowmesh.reference.parse", "io.flowmesh.reference.schema"]),
    ("reference: scheduling", ["io.flowmesh.reference.schedule"]),
    ("reference: model store and adapters (config reads, refs)", ["io.flowmesh.reference.backend.hub",
                                                                  "io.flowmesh.reference.backend.lora"]),
    ("reference: CPU vLLM and transformers engines", ["io.flowmesh.reference.backend.vllm",
                                                      "io.flowmesh.reference.backend.transformers"]),
    ("reference: tiny PPO", ["io.flowmesh.reference.backend.ppo", "io.flowmesh.reference.execute.ppo"]),
    ("reference: executors (effects, checks)", ["io.flowmesh.reference"]),
]
OUTSIDE = "JDK and libraries outside any kit or reference call (JIT, GC, start)"


def breakdown(path, between=None):
    with open(path) as f:
        events = json.load(f)["recording"]["events"]
    if between:
        # JFR prints ISO-8601 times, so the text's order is the time's.
        events = [e for e in events if between[0] <= e["values"]["startTime"][:19] <= between[1]]
    counts = collections.Counter()
    for event in events:
        stack = event["values"].get("stackTrace") or {"frames": []}
        names = [fr["method"]["type"]["name"].replace("/", ".") + "." + fr["method"]["name"] for fr in stack["frames"]]
        own = next((n for n in names if n.startswith("io.flowmesh")), None)
        group = OUTSIDE
        if own:
            group = next((g for g, prefixes in GROUPS if any(own.startswith(p) for p in prefixes)), OUTSIDE)
        counts[group] += 1
    return counts, sum(counts.values())


def main(paths, between=None):
    tables = [breakdown(p, between) for p in paths]
    print("| where the time goes | " + " | ".join(["before", "after"][: len(tables)] if len(tables) > 1 else ["share"]) + " |")
    print("|---" * (len(tables) + 1) + "|")
    for group in [g for g, _ in GROUPS] + [OUTSIDE]:
        print(f"| {group} | " + " | ".join(f"{c[group] * 100 / max(total, 1):.1f}%" for c, total in tables) + " |")
    print("| samples | " + " | ".join(str(total) for _, total in tables) + " |")


if __name__ == "__main__":
    args = sys.argv[1:]
    window = None
    if args[:1] == ["--between"]:
        if len(args) < 3:
            sys.exit(__doc__)
        window, args = (args[1], args[2]), args[3:]
    if not 1 <= len(args) <= 2:
        sys.exit(__doc__)
    main(args, window)
