#!/usr/bin/env python3
"""A partial FlowMesh implementation in plain Python (standard library only), for the conformance kit.

It runs one task type, ``echo``, and speaks the kit's JSON-lines process protocol, version 2: the kit
sends every template both as YAML text and as a JSON document it has read, so no YAML parser is needed.
Audit it from a clone of the kit with

    ./flowmesh-conformance audit --process "python3 examples/python-implementation/flowmesh_echo.py"

and the verdict names its profile: CONFORMANT for task types [echo]: ...

The effect trace records what the runtime hands to the outside world (the scheduler's request, the
text the echo task publishes, where its result goes), never the template's values echoed back for
their own sake; the same template always gives the same trace.
"""

import json
import re
import sys

NAME = "python-echo"
VERSION = "0.1.0"
TASK = "task"  # single-task templates: every key is scoped by this one task id

ENVELOPE_KEYS = ("apiVersion", "kind", "metadata", "spec")
METADATA_KEYS = ("name", "owner", "project", "annotations")
ECHO_SPEC_KEYS = ("taskType", "data", "resources", "output")
DATA_KEYS = ("type", "items")
DESTINATION_TYPES = ("local", "http")


class Refusal(Exception):
    """A user mistake in the template: reported as a violation, never as a protocol error."""

    def __init__(self, pointer, code, message):
        super().__init__(message)
        self.pointer, self.code, self.message = pointer, code, message


def diagnostic(source, locations, pointer, code, message):
    # The kit sends where every field starts (protocol version 2), so violations carry a line.
    where = locations.get(pointer) or {}
    return {"source": source, "pointer": pointer, "line": where.get("line", 0),
            "column": where.get("column", 0), "code": code, "message": message}


def only_keys(node, pointer, allowed):
    for key in node:
        if key not in allowed:
            raise Refusal(pointer + "/" + key, "schema.unknown-key",
                          "unknown key '%s' (allowed: %s)" % (key, ", ".join(allowed)))


def mapping(node, pointer, required=True):
    if node is None and not required:
        return {}
    if not isinstance(node, dict):
        raise Refusal(pointer, "schema.type", "expected a mapping")
    return node


def string(node, pointer):
    if not isinstance(node, str) or not node:
        raise Refusal(pointer, "schema.type", "expected a non-empty string")
    return node


def validate(document):
    """Checks the template; returns the echo task's spec, or None for another task type."""
    if document is None:
        raise Refusal("", "yaml.unreadable", "the template is not a YAML mapping")
    only_keys(document, "", ENVELOPE_KEYS)
    for key in ENVELOPE_KEYS:
        if key not in document:
            raise Refusal("", "schema.required", "missing required property '%s'" % key)
    # apiVersion and kind are envelope shape, not dispatch: any name is accepted (the RFC's keep rows).
    string(document["apiVersion"], "/apiVersion")
    string(document["kind"], "/kind")
    metadata = mapping(document["metadata"], "/metadata")
    only_keys(metadata, "/metadata", METADATA_KEYS)
    if "name" not in metadata:
        raise Refusal("/metadata", "schema.required", "missing required property 'name'")
    string(metadata["name"], "/metadata/name")
    spec = mapping(document["spec"], "/spec")
    if "taskType" not in spec:
        raise Refusal("/spec", "schema.required", "missing required property 'taskType'")
    if string(spec["taskType"], "/spec/taskType") != "echo":
        # Another task type's keys are its executor's business: the run refuses what no executor runs.
        return None
    only_keys(spec, "/spec", ECHO_SPEC_KEYS)
    data = mapping(spec.get("data"), "/spec/data", required=False)
    only_keys(data, "/spec/data", DATA_KEYS)
    resources = mapping(spec.get("resources"), "/spec/resources", required=False)
    only_keys(resources, "/spec/resources", ("hardware",))
    hardware = mapping(resources.get("hardware"), "/spec/resources/hardware", required=False)
    only_keys(hardware, "/spec/resources/hardware", ("cpu", "memory"))
    milli_cores(hardware.get("cpu"))
    memory_bytes(hardware.get("memory"))
    output = mapping(spec.get("output"), "/spec/output", required=False)
    only_keys(output, "/spec/output", ("destination",))
    destination = mapping(output.get("destination"), "/spec/output/destination", required=False)
    if destination:
        only_keys(destination, "/spec/output/destination", ("type", "url"))
        if destination.get("type") not in DESTINATION_TYPES:
            raise Refusal("/spec/output/destination/type", "schema.enum",
                          "expected one of " + ", ".join(DESTINATION_TYPES))
    return spec


def milli_cores(cpu):
    if cpu is None:
        return 0
    text = str(cpu)
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(m?)", text)
    if not match or isinstance(cpu, bool):
        raise Refusal("/spec/resources/hardware/cpu", "schema.quantity", "expected cores such as 1, 0.5 or 500m")
    number = float(match.group(1))
    return int(number) if match.group(2) else int(round(number * 1000))


UNITS = {"": 1, "K": 10**3, "M": 10**6, "G": 10**9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}


def memory_bytes(memory):
    if memory is None:
        return 0
    match = re.fullmatch(r"(\d+)(Ki|Mi|Gi|K|M|G|)", str(memory))
    if not match or isinstance(memory, bool):
        raise Refusal("/spec/resources/hardware/memory", "schema.quantity", "expected bytes such as 256Mi or 1Gi")
    return int(match.group(1)) * UNITS[match.group(2)]


def run(document):
    """The echo task's effects, in the order the runtime hands them out."""
    spec = validate(document)
    if spec is None:
        raise Refusal("/spec/taskType", "run.no-executor",
                      "no executor for task type '%s' (this implementation runs: echo)" % document["spec"]["taskType"])
    data = spec.get("data") or {}
    if data.get("type", "list") != "list":
        raise Refusal("/spec/data/type", "run.data-type", "the echo task reads list data only")
    hardware = (spec.get("resources") or {}).get("hardware") or {}
    items = data.get("items") or []
    destination = (spec.get("output") or {}).get("destination") or {"type": "local"}
    return [
        {"channel": "scheduler", "key": "workflow", "value": document["metadata"]["name"]},
        {"channel": "scheduler", "key": TASK + "/request",
         "value": {"milli_cores": milli_cores(hardware.get("cpu")), "memory_bytes": memory_bytes(hardware.get("memory"))}},
        {"channel": "echo", "key": TASK + "/text", "value": " ".join(str(i) for i in items)},
        {"channel": "output", "key": TASK + "/destination",
         "value": {"type": destination.get("type"), "url": destination.get("url")}},
    ]


def answer(request):
    method, params = request.get("method"), request.get("params") or {}
    if method == "describe":
        offered = params.get("protocolVersions") or [1]
        return {"name": NAME, "version": VERSION, "protocolVersion": 2 if 2 in offered else 1,
                "capabilities": {"taskTypes": ["echo"], "backends": ["cpu"]}}
    if "document" not in params:
        raise ValueError("this implementation needs protocol version 2 (the template as a JSON document)")
    source = params.get("sourceName", "template")
    locations = params.get("locations") or {}
    try:
        if method == "parse":
            validate(params["document"])
            return {"violations": [], "warnings": []}
        if method == "run":
            return {"status": "completed", "trace": run(params["document"]), "warnings": []}
    except Refusal as refusal:
        violation = diagnostic(source, locations, refusal.pointer, refusal.code, refusal.message)
        if params["document"] is None and params.get("documentError"):
            violation["message"] += ": " + params["documentError"]
        return ({"violations": [violation], "warnings": []} if method == "parse"
                else {"status": "rejected", "violations": [violation], "warnings": []})
    raise ValueError("unknown method '%s' (describe, parse or run)" % method)


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        request_id = None
        try:
            request = json.loads(line)
            request_id = request.get("id")
            response = {"id": request_id, "result": answer(request)}
        except Exception as error:  # an error answer fails one probe; the process keeps serving
            response = {"id": request_id, "error": {"message": "%s: %s" % (type(error).__name__, error)}}
        sys.stdout.write(json.dumps(response) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
