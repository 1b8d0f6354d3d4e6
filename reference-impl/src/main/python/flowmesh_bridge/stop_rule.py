"""FlowMesh's PPO early-stop rule, for callers without a JVM (``scripts/gpu-check.sh`` on a device
machine that has torch but no JDK).

The rule is FlowMesh's Java ``EarlyStopController``: fed each update's ``objective/kl`` in order, stop
after the first update whose KL is strictly greater than ``target_kl``, when early stopping is on. This
port exists only because the device check cannot run Java; ``PythonStopRuleParityTest`` (reference-impl)
pins it to the Java controller on the same KL series, so the two cannot drift apart.

Run as ``python3 -m flowmesh_bridge.stop_rule TARGET_KL KL...`` it prints the 0-based update that stops,
or ``none``.
"""

import sys


class StopRule:
    """Observes updates in order; ``observe`` returns the stop once decided, else None."""

    def __init__(self, target_kl, enabled=True):
        if enabled and not target_kl > 0:
            raise ValueError("an enabled early stop needs a positive target KL, got %r" % (target_kl,))
        self.target_kl = target_kl
        self.enabled = enabled
        self.decision = None

    def observe(self, update, kl):
        if self.decision is not None:
            raise RuntimeError("the run was already stopped after update %d" % self.decision["update"])
        if self.enabled and kl > self.target_kl:
            self.decision = {"update": update, "kl": kl, "threshold": self.target_kl}
        return self.decision


def first_stop(kls, target_kl):
    """The update index at which an armed run with this KL series stops, or None."""
    rule = StopRule(target_kl)
    for update, kl in enumerate(kls):
        if rule.observe(update, kl) is not None:
            return update
    return None


def main(argv):
    stop = first_stop([float(v) for v in argv[1:]], float(argv[0]))
    print("none" if stop is None else stop)


if __name__ == "__main__":
    main(sys.argv[1:])
