"""What the desk trusts a request with: CSRF tokens bound to the link or the session,
failed attempts slowed per address, and the upload's size counted as it streams."""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections.abc import AsyncGenerator, AsyncIterator

#: The largest file a department may hand in.
MAX_UPLOAD = 20 * 1024 * 1024
#: The largest request body: the file and the form around it.
MAX_BODY = MAX_UPLOAD + 64 * 1024


class TooLarge(Exception):
    """The request body is over :data:`MAX_BODY` (answered 413)."""


def csrf_token(secret: str, bound_to: str) -> str:
    """The form token of a page: an HMAC of what the page belongs to (a department's
    link, the office's session, a login cookie) under the desk's secret."""
    return hmac.new(secret.encode(), bound_to.encode(), hashlib.sha256).hexdigest()[:40]


def csrf_ok(secret: str, bound_to: str, given: object) -> bool:
    return isinstance(given, str) and hmac.compare_digest(csrf_token(secret, bound_to), given)


async def counted(
    stream: AsyncIterator[bytes], limit: int = MAX_BODY
) -> AsyncGenerator[bytes, None]:
    """The body's chunks, stopping with :class:`TooLarge` once more than ``limit`` bytes
    have come (whatever Content-Length said)."""
    seen = 0
    async for chunk in stream:
        seen += len(chunk)
        if seen > limit:
            raise TooLarge
        yield chunk


class Throttle:
    """Failed attempts (a wrong link, a wrong password) per address: each costs the next
    answer a growing delay (0.25 s, 0.5 s, 1 s … up to 8 s), forgotten after 15 minutes."""

    WINDOW = 15 * 60.0
    FIRST = 0.25
    MOST = 8.0

    def __init__(self) -> None:
        self.failures: dict[str, list[float]] = {}
        self.lock = threading.Lock()

    def fail(self, address: str) -> float:
        """Note a failure; returns the delay to impose on its answer."""
        now = time.monotonic()
        with self.lock:
            recent = [t for t in self.failures.get(address, []) if now - t < self.WINDOW]
            recent.append(now)
            self.failures[address] = recent[-64:]
            if len(self.failures) > 10000:  # bounded whatever the number of addresses
                self.failures = {address: self.failures[address]}
            return min(self.MOST, self.FIRST * 2.0 ** (len(recent) - 1))
