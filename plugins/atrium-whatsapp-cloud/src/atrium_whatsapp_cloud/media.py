"""Media on the Graph API: downloading a contact's files and uploading an agent's.

Download: ``GET /<media id>`` for a short-lived URL, then a streamed GET of
it. Meta's media URLs need the same bearer token as the API and expire after
a few minutes, so the file is streamed through to the agent, never stored
here. Files over ``ATRIUM_WHATSAPP_MEDIA_MAX_BYTES`` are refused before the
first byte when their size is declared, and the stream fails at the limit
when it is not.

Upload: ``POST /<phone number id>/media`` (multipart: ``messaging_product``,
``type``, ``file``) answers ``{"id"}``, the media id a message then sends.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx

from atrium.plugins import NotFound, OutboundFile, SendError
from atrium_whatsapp_cloud import env, graph
from atrium_whatsapp_cloud.errors import MediaTooLarge, WhatsAppUnavailable

log = logging.getLogger(__name__)

MEDIA_ID = re.compile(r"[0-9A-Za-z_-]{1,128}")  # never a path: it is placed in a Graph URL
CHUNK = 64 * 1024
DOWNLOAD_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
UPLOAD_TIMEOUT = httpx.Timeout(120.0, connect=5.0)


def upload(phone_number_id: str, token: str, file: OutboundFile) -> str:
    """Upload ``file`` to the number's media store and return Meta's media id; ``SendError`` when refused
    (retryable for 429, 5xx and timeouts)."""
    try:
        response = graph.client().post(
            graph.url(f"{phone_number_id}/media"),
            data={"messaging_product": "whatsapp", "type": file.mime_type},
            files={"file": (file.filename, file.read(), file.mime_type)},
            headers=graph.auth(token),
            timeout=UPLOAD_TIMEOUT,
        )
    except httpx.HTTPError as exc:
        raise graph.network_error(exc) from exc
    if not response.is_success:
        raise graph.send_error(response)
    try:
        media_id = response.json().get("id")
    except (ValueError, AttributeError):
        media_id = None
    if not isinstance(media_id, str) or not MEDIA_ID.fullmatch(media_id):
        raise SendError("Graph API accepted the upload without returning a media id", code="bad_response")
    return media_id


def open_media(media_id: str, token: str, phone_number_id: str | None) -> tuple[str, int | None, Iterator[bytes]]:
    """``(content type, size or None, chunks)`` of media ``media_id``; the chunks close the download when done."""
    if not MEDIA_ID.fullmatch(media_id or ""):
        raise NotFound("no media with this id")
    limit = env.media_max_bytes()
    params = {"phone_number_id": phone_number_id} if phone_number_id else None
    info = graph.get_json(media_id, token, params)
    url = info.get("url")
    if not isinstance(url, str) or not _may_receive_token(url):
        raise WhatsAppUnavailable("Graph API gave no usable download URL for this media")
    size = _int(info.get("file_size"))
    if size is not None and size > limit:
        raise MediaTooLarge(f"this file has {size} bytes; the limit is {limit}")
    http = graph.client()
    try:
        response = http.send(
            http.build_request("GET", url, headers=graph.auth(token), timeout=DOWNLOAD_TIMEOUT), stream=True
        )
    except httpx.HTTPError as exc:
        raise WhatsAppUnavailable(f"media download failed: {type(exc).__name__}") from exc
    if response.status_code != 200:
        response.close()
        raise WhatsAppUnavailable(f"media download answered HTTP {response.status_code}")
    declared = _int(response.headers.get("content-length"))
    if declared is not None and declared > limit:
        response.close()
        raise MediaTooLarge(f"this file has {declared} bytes; the limit is {limit}")
    content_type = info.get("mime_type") or response.headers.get("content-type") or "application/octet-stream"
    return str(content_type), size if size is not None else declared, _chunks(response, limit)


def _chunks(response: httpx.Response, limit: int) -> Iterator[bytes]:
    sent = 0
    try:
        for chunk in response.iter_bytes(CHUNK):
            sent += len(chunk)
            if sent > limit:
                log.warning("whatsapp media cut off at the size limit", extra={"limit": limit})
                raise MediaTooLarge(f"this file is larger than the limit of {limit} bytes")
            yield chunk
    finally:
        response.close()


def _may_receive_token(url: str) -> bool:
    """The access token only goes to https URLs, or to the configured Graph host (a local fake)."""
    parts = urlsplit(url)
    return parts.scheme == "https" or parts.netloc == urlsplit(env.graph_url()).netloc


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(value) if isinstance(value, int | str) else None
    except ValueError:
        return None
