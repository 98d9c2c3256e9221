"""The access log without the departments' links: a link ``/u/<token>`` is the department's
key, so the log shows only its first characters (``/u/Ab3x…``), enough to tell lines apart."""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

#: Characters of a token the log keeps.
SHOWN = 4

_TOKEN = re.compile(r"(/u/)([^/?#\s]+)")


def mask(path: str) -> str:
    """``path`` with every department token cut to its first :data:`SHOWN` characters."""
    return _TOKEN.sub(lambda m: f"{m.group(1)}{m.group(2)[:SHOWN]}…", path)


class MaskTokens(logging.Filter):
    """Masks the request path of uvicorn's access records (``client, method, path, http,
    status``) and any token in a plain message."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], mask(args[2]), args[3], args[4])
        elif isinstance(record.msg, str) and not args:
            record.msg = mask(record.msg)
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's logging configuration with :class:`MaskTokens` on the access handler."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["tokens"] = {"()": f"{__name__}.MaskTokens"}
    config["handlers"]["access"]["filters"] = ["tokens"]
    config["handlers"]["default"]["filters"] = ["tokens"]
    return config
