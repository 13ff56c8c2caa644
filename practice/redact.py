"""Secrets out of every text that came from a server before it is shown or stored.

A server may echo the request back in an error body (the Authorization header included), and a
base URL may carry credentials in its userinfo; either would otherwise reach a notification, a
session's fallback flag and every export made from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

REDACTED = "[redacted]"
QUOTED_CHARS = 600
"""What a server said, at most, in any message: enough for any real error, and a 130 MB error
body must not become a 130 MB notification, fallback flag and line on stderr."""
# A secret straddling the cut is redacted whole: it is looked for a little past it first.
_LONGEST_SECRET = 400
# Shown only when a secret is at least this long: a one-letter "key" would blank every "a".
SHORTEST_SECRET = 6
_PATTERNS = (
    re.compile(r"(?i)(bearer\s+)[^\s\"',;}\]]+"),
    re.compile(r"(?i)((?:authorization|api[-_]?key|x-api-key)[\"']?\s*[:=]\s*[\"']?)(?!bearer\s)[^\s\"',;}\]]+"),
    re.compile(r"(\b[a-z][a-z0-9+.-]*://)[^/\s@]+@", re.IGNORECASE),
    re.compile(r"()\bsk-[A-Za-z0-9_-]{8,}"),
)


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """`text` with each of `secrets` and anything shaped like a key or URL credentials replaced."""
    for pattern in _PATTERNS:
        text = pattern.sub(
            lambda match: f"{match.group(1)}{REDACTED}" + ("@" if match.group(0).endswith("@") else ""), text
        )
    for secret in secrets:
        if secret and len(secret) >= SHORTEST_SECRET:
            text = text.replace(secret, REDACTED)
    return text


def quoted(text: str, secrets: Iterable[str | None] = (), *, limit: int = QUOTED_CHARS) -> str:
    """Text a server sent, as it may be shown or stored: redacted, and cut to `limit` characters
    (saying how much more there was)."""
    if len(text) <= limit:
        return redact(text, secrets)
    kept = redact(text[: limit + _LONGEST_SECRET], secrets)[:limit]
    return f"{kept}… ({len(text) - limit:,} more characters)"


def url_without_credentials(url: str) -> str:
    """The URL as it may be shown: no user, no password."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def url_secrets(url: str | None) -> list[str]:
    """The userinfo parts of a URL, for redact()."""
    if not url:
        return []
    parts = urlsplit(url)
    return [value for value in (parts.username, parts.password) if value]
