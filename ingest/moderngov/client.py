"""HTTP for one ModernGov site: web service calls and document downloads, with timeouts, retries on
transient failures (timeouts, dropped connections, 5xx, 429) and conditional GET.

Every failure becomes a `ModernGovError` with a one-line reason, so the importer can report it against
the item it was fetching and go on.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from ingest.moderngov.records import RecordError, parse_xml

# Self-hosted ModernGov installs can take up to a minute to answer (LGSF's minutes scraper uses 60 s for
# the same reason); the vendor-hosted ones answer within a second.
DEFAULT_TIMEOUT_S = 60.0
USER_AGENT = "Clerk committee-papers importer (ModernGov web service client)"
RETRY_STATUSES = {429, 500, 502, 503, 504}


class ModernGovError(Exception):
    """A call or download that failed; the message is one line, fit for a summary."""


@dataclass
class Fetched:
    """A document response: 200 with its content, or 304 (unchanged since the validators given)."""

    status: int
    content: bytes = b""
    etag: str = ""
    last_modified: str = ""
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def site_root(base_url: str) -> str:
    """The site root from what an operator may paste: trailing slash, or the web service's own URL."""
    url = base_url.strip().rstrip("/")
    for suffix in ("/mgWebService.asmx", "/mgwebservice.asmx"):
        if url.lower().endswith(suffix.lower()):
            url = url[: -len(suffix)]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ModernGovError(f"not a web address: {base_url!r} (give the site root, https://democracy.example.gov.uk)")
    return url


class ModernGovClient:
    def __init__(self, base_url: str, *, timeout_s: float = DEFAULT_TIMEOUT_S, retries: int = 2,
                 backoff_s: float = 1.0, max_bytes: int = 50_000_000,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.base_url = site_root(base_url)
        self.retries = max(0, retries)
        self.backoff_s = backoff_s
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s
        self._http = httpx.Client(timeout=httpx.Timeout(timeout_s), follow_redirects=True, transport=transport,
                                  headers={"User-Agent": USER_AGENT})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ModernGovClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the web service -------------------------------------------------------------------------------
    def service_url(self, method: str) -> str:
        return f"{self.base_url}/mgWebService.asmx/{method}"

    def call(self, method: str, **params: str) -> ET.Element:
        """GET mgWebService.asmx/<method>?params and parse the XML it answers."""
        response = self._get(self.service_url(method), params=params, accept="text/xml, application/xml")
        try:
            return parse_xml(response.content)
        except RecordError as exc:
            raise ModernGovError(str(exc)) from exc

    # -- documents -------------------------------------------------------------------------------------
    def absolute(self, url: str) -> str:
        return urljoin(self.base_url + "/", url.strip())

    def download(self, url: str, *, etag: str = "", last_modified: str = "") -> Fetched:
        """The document at `url`; with validators from an earlier download, a 304 means unchanged."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        response = self._get(self.absolute(url), headers=headers)
        if response.status_code == 304:
            return Fetched(304, etag=response.headers.get("etag", etag),
                           last_modified=response.headers.get("last-modified", last_modified))
        return Fetched(200, response.content, response.headers.get("etag", ""),
                       response.headers.get("last-modified", ""), response.headers.get("content-type", ""))

    # -- HTTP ------------------------------------------------------------------------------------------
    def _get(self, url: str, *, params: dict[str, str] | None = None, headers: dict[str, str] | None = None,
             accept: str = "*/*") -> _Reply:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ModernGovError(f"not a web address: {url[:200]}")
        reason = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff_s * attempt)
            try:
                response = self._read(url, params, {"Accept": accept, **(headers or {})})
            except httpx.TimeoutException:
                reason = f"timed out after {self.timeout_s:g} s"
                continue
            except httpx.TransportError as exc:
                reason = f"connection failed ({type(exc).__name__}: {str(exc)[:120] or 'no detail'})"
                continue
            if response.status_code in RETRY_STATUSES:
                reason = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                continue
            if response.status_code == 304 or 200 <= response.status_code < 300:
                return response
            raise ModernGovError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
        tries = f" ({self.retries + 1} tries)" if self.retries else ""
        raise ModernGovError(reason + tries)

    def _read(self, url: str, params: dict[str, str] | None, headers: dict[str, str]) -> _Reply:
        """One GET, its body read up to `max_bytes` (a larger body fails rather than filling the disk)."""
        with self._http.stream("GET", url, params=params, headers=headers) as response:
            reply = _Reply(response.status_code, response.reason_phrase, response.headers)
            if not 200 <= response.status_code < 300:
                return reply
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise ModernGovError(f"too large ({int(declared) / 1e6:.0f} MB > {self.max_bytes / 1e6:g} MB limit)")
            body = bytearray()
            for piece in response.iter_bytes():
                body.extend(piece)
                if len(body) > self.max_bytes:
                    raise ModernGovError(f"too large (over the {self.max_bytes / 1e6:g} MB limit)")
            reply.content = bytes(body)
            return reply


@dataclass
class _Reply:
    status_code: int
    reason_phrase: str
    headers: httpx.Headers
    content: bytes = b""
