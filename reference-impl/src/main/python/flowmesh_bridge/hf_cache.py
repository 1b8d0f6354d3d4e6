"""Hugging Face hub cache layout, read in pure Python.

``<hub_cache>/models--<org>--<name>/refs/<ref>`` holds the commit a branch or tag points to (mutable);
``snapshots/<commit>/`` holds that commit's files. A 40-hex revision is a commit id (immutable).
"""

import json
import os
import re

from .errors import BridgeError, InvalidRequest

_COMMIT = re.compile(r"^[0-9a-f]{40}$")


def repo_dir(hub_cache, identifier):
    """The cache folder of a model repository."""
    if not identifier or identifier.startswith("/") or ".." in identifier.split("/"):
        raise InvalidRequest("not a hub model identifier: %r" % identifier, field="model")
    return os.path.join(hub_cache, "models--" + identifier.replace("/", "--"))


def resolve(hub_cache, identifier, revision):
    """Resolves ``revision`` (branch, tag or commit) to ``(commit, snapshot_dir)`` in the cache."""
    repo = repo_dir(hub_cache, identifier)
    if not os.path.isdir(repo):
        raise BridgeError("model %s is not in the hub cache %s" % (identifier, hub_cache), kind="not_found",
                          field="model")
    revision = revision or "main"
    if _COMMIT.match(revision):
        commit = revision
    else:
        ref = os.path.join(repo, "refs", *revision.split("/"))
        if not os.path.isfile(ref):
            raise BridgeError("revision %r of %s is not in the hub cache (no refs/%s)" % (revision, identifier, revision),
                              kind="not_found", field="revision")
        with open(ref, encoding="utf-8") as f:
            commit = f.read().strip()
        if not _COMMIT.match(commit):
            raise BridgeError("refs/%s of %s does not hold a commit id: %r" % (revision, identifier, commit),
                              kind="not_found", field="revision")
    snapshot = os.path.join(repo, "snapshots", commit)
    if not os.path.isfile(os.path.join(snapshot, "config.json")):
        raise BridgeError("commit %s of %s has no snapshots/%s/config.json" % (commit, identifier, commit),
                          kind="not_found", field="revision")
    return commit, snapshot


def read_config(snapshot):
    """The snapshot's config.json as a dict."""
    with open(os.path.join(snapshot, "config.json"), encoding="utf-8") as f:
        return json.load(f)
