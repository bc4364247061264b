"""Which URLs a webhook may be sent to (a first line against SSRF).

Only ``http``/``https`` URLs with a host and no credentials are accepted, and
never ``localhost`` or an IP literal that is not public (loopback, private,
link-local such as the cloud metadata address 169.254.169.254, CGNAT,
multicast, reserved), including the numeric forms the resolver accepts
(``2130706433``, ``0x7f.1``, ``127.1``). Host names are not resolved here: a
name pointing at an internal address must be stopped by the egress network
policy of the workers (see docs/webhooks.md).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from atrium.errors import Invalid


def check_url(url: str, field: str = "url") -> str:
    """Return ``url`` if webhooks may be sent to it; raise ``Invalid`` naming ``field`` otherwise."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # ValueError when out of range
    except ValueError as exc:
        raise Invalid("this is not a valid URL", field=field) from exc
    if port == 0:
        raise Invalid("the URL's port must be between 1 and 65535", field=field)
    if parts.scheme.lower() not in ("http", "https"):
        raise Invalid("the URL must start with https:// (or http://)", field=field)
    if not parts.hostname:
        raise Invalid("the URL has no host", field=field)
    if parts.username is not None or parts.password is not None:
        raise Invalid("credentials in the URL are not allowed: verify the signature instead", field=field)
    host = parts.hostname.rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        raise Invalid("the URL points to this server, not to one of your systems", field=field)
    address = _ip_literal(host)
    if address is not None and not address.is_global:
        raise Invalid("the URL points to a private, local or reserved address", field=field)
    return url.strip()


def _ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address ``host`` denotes without any DNS lookup, if it is a numeric address."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        try:  # legacy IPv4 forms accepted by inet_aton: 2130706433, 0x7f.1, 127.1, 0177.0.0.1
            address = ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address
