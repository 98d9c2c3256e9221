"""A helper process that runs one reading function for its parent (see helper.py).

Run as ``python _helper_main.py SCRIPT FUNCTION CAP``, it caps its address space at CAP
bytes where the system allows it, loads FUNCTION from the file SCRIPT (by path: no
package is imported, so it starts in milliseconds), says it is ready, then answers the
requests on its standard input (a length and the pickled arguments each) with the
length and pickled result of ``FUNCTION(*arguments)``, until its input ends.
"""

from __future__ import annotations

import sys

if __name__ == "__main__":  # not this folder's modules (numbers.py) for the standard ones
    del sys.path[0]

import importlib.util
import pickle
import struct

HEADER = struct.Struct("<I")
#: Written once on start, so the parent knows it runs this script (not, say, a server
#: binary that ``sys.executable`` names inside an application server).
READY = b"zfxxgk helper 1\n"


def serve(script: str, function: str, memory_cap: int) -> None:
    """Answer requests on standard input until it ends."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_cap, memory_cap))
    except (ImportError, ValueError, OSError):
        pass  # no such limit on this system
    spec = importlib.util.spec_from_file_location("_zfxxgk_helper_task", script)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {script}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    task = getattr(module, function)
    src, dst = sys.stdin.buffer, sys.stdout.buffer
    dst.write(READY)
    dst.flush()
    while True:
        head = src.read(HEADER.size)
        if len(head) < HEADER.size:
            return
        args = pickle.loads(src.read(HEADER.unpack(head)[0]))
        data = pickle.dumps(task(*args), pickle.HIGHEST_PROTOCOL)
        dst.write(HEADER.pack(len(data)) + data)
        dst.flush()


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2], int(sys.argv[3]))
