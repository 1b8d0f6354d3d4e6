"""Puts reference-impl/src/main/python on sys.path so the tests import the bridge from source."""

import os
import sys

SOURCES = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "main", "python"))
if SOURCES not in sys.path:
    sys.path.insert(0, SOURCES)
