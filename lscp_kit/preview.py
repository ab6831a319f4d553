"""The preview server stays on this machine: it shows every hidden item, so it may listen
only on a loopback address (127.0.0.0/8, ::1 or localhost)."""
from __future__ import annotations

import ipaddress

from lscp_kit.problems import Problem


def address_problem(host: str) -> Problem | None:
    """A problem when the preview server would listen on `host` and `host` is not loopback."""
    name = host.strip().strip("[]")
    if name.lower() == "localhost":
        return None
    try:
        if ipaddress.ip_address(name).is_loopback:
            return None
    except ValueError:
        pass
    return Problem("environment", "serve address", f"{host or '(all interfaces)'} is not this machine's own "
                   "address: the preview shows items that are not public, so it listens only on 127.0.0.1 "
                   "(or ::1, localhost). Use `make preview`, which serves http://127.0.0.1:8000/; to show "
                   "it to a colleague, share your screen, never the server")
