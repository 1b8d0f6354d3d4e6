"""Entry point: ``python3 -m flowmesh_bridge`` serves the protocol on stdin/stdout."""

from .protocol import main

if __name__ == "__main__":
    main()
