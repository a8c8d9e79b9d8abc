"""HTTP for the adapters that speak it (Kimai, webhook): URL rules, timeouts, answers → errors.

- HTTPS is required except for loopback (127.0.0.0/8, ::1, localhost); certificates are
  always checked (a private CA bundle may be given, verification is never off); a URL
  carrying credentials (`https://user:pass@…`) is refused: secrets belong in the keyring.
- Every request has a connect and a read timeout and an overall deadline; an answer is
  read up to MAX_ANSWER_BYTES, never unbounded; redirects are not followed (a POST must
  not turn into a GET, nor HTTPS into HTTP).
- Answers map onto trayclock.sync.backend's errors (`raise_for_status`, which Tryton's
  JSON-RPC client uses too): connection failures, timeouts, 408
  and 5xx → TransientError; 429 (and 503 with Retry-After, and 402 carrying quota
  headers) → RateLimited with Retry-After as seconds or an HTTP date; 401/403 → AuthError;
  any other 4xx (and 3xx) → RefusedError with the server's own words, read from JSON error
  bodies where it sends them.
- Messages name the method and the URL without its query or credentials and never
  contain a secret the client holds.

Why this module is long: URL rules, request hygiene and the answer → error mapping are one
contract, kept and read together.
"""

from __future__ import annotations

import ipaddress
import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from requests.structures import CaseInsensitiveDict

from trayclock import __version__
from trayclock.domain.clock import Clock
from trayclock.domain.sync_reason import SyncReason
from trayclock.sync.backend import AuthError, RateLimited, RefusedError, TransientError
from trayclock.sync.reasons import Code, english, reason
from trayclock.sync.secrets import Secret

CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 30.0  # between two bytes of the answer
DEADLINE_S = 120.0  # for the whole answer: a server dripping bytes cannot hold us for ever
MAX_ANSWER_BYTES = 8 * 1024 * 1024
MAX_RETRY_AFTER_S = 24 * 3600.0  # a nonsense Retry-After must not pause a backend for a year
MAX_MESSAGE_CHARS = 500
_CHUNK_BYTES = 16 * 1024  # the deadline is checked between chunks
USER_AGENT = f"trayclock/{__version__}"


class InsecureUrl(ValueError):
    """A backend URL that would send secrets or data unprotected (or is no URL at all)."""

    def __init__(self, why: SyncReason) -> None:
        super().__init__(english(why))
        self.reason = why


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or the name localhost (never a name merely starting with it)."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def require_safe_url(url: str) -> str:
    """The URL as given, if it may carry secrets: HTTPS, or HTTP to loopback; no
    credentials inside it."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise InsecureUrl(reason(Code.NOT_HTTP_URL, url=redact_url(url)))
    if parts.username is not None or parts.password is not None:
        raise InsecureUrl(reason(Code.URL_HAS_CREDENTIALS))
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise InsecureUrl(reason(Code.PLAIN_HTTP, url=redact_url(url)))
    return url.strip()


def redact_url(url: str) -> str:
    """scheme://host[:port]/path — no credentials, query or fragment (they may hold tokens)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "<unparsable URL>"
    return urlunsplit((parts.scheme, host + port, parts.path, "", ""))


@dataclass(frozen=True)
class Answer:
    """An HTTP answer read in full (bounded). Always a value: a 500 is an Answer, not a
    falsy `requests.Response` (the bug that dropped 500s in aw-client#10)."""

    method: str
    url: str  # redacted
    status: int
    headers: Mapping[str, str] = field(default_factory=CaseInsensitiveDict)
    body: bytes = b""

    def json(self) -> Any:
        """The body as JSON; RefusedError naming the request when it is not JSON."""
        try:
            return json.loads(self.body) if self.body.strip() else None
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise RefusedError(
                reason(
                    Code.NOT_JSON,
                    request=f"{self.method} {self.url}",
                    status=self.status,
                    said=_snippet(self.body),
                )
            ) from None


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Retry-After as seconds from `now`: delta-seconds or an HTTP date; None if absent or
    unreadable. Clamped to [0, MAX_RETRY_AFTER_S]."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:  # HTTP dates are GMT by definition
            when = when.replace(tzinfo=UTC)
        seconds = (when - now).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_S)


def quota_reset_seconds(headers: Mapping[str, str]) -> float | None:
    """Seconds until a quota resets, from headers such as `X-Toggl-Quota-Resets-In`."""
    for name, value in headers.items():
        lowered = name.lower()
        if "quota" in lowered and lowered.endswith(("resets-in", "reset-in")):
            text = value.strip()
            if text.isdigit():
                return min(float(text), MAX_RETRY_AFTER_S)
    return None


def has_quota_headers(headers: Mapping[str, str]) -> bool:
    return any("quota" in name.lower() for name in headers)


def server_message(answer: Answer) -> str:
    """The server's own words about a refusal, from a JSON error body where it sends one
    (`message`, `error`, `detail`/`title`, `errors` — Kimai's form errors name their
    field), else the first line of a text body, else the status line."""
    words: list[str] = []
    content_type = answer.headers.get("Content-Type", "").lower()
    looks_json = "json" in content_type or answer.body.lstrip()[:1] in (b"{", b"[")
    if looks_json:
        try:
            words = _json_words(json.loads(answer.body))
        except (ValueError, UnicodeDecodeError, RecursionError):  # hostile nesting too
            words = []
    elif "html" not in content_type:
        text = _snippet(answer.body)
        if text and not text.lstrip().startswith("<"):
            words = [text]
    if not words:
        words = [f"HTTP {answer.status}"]
    return _bounded("; ".join(dict.fromkeys(words)))


def raise_for_answer(
    answer: Answer,
    now: datetime,
    secrets: Sequence[Secret] = (),
    accept: Iterable[int] = (),
    *,
    forbidden_is_refusal: bool = False,
) -> None:
    """Nothing for 2xx (and the statuses in `accept`); the matching sync error otherwise.

    `forbidden_is_refusal`: for servers whose 403 means "this user may not do that" while
    bad credentials get 401 (Kimai): a 403 is then the request's refusal, not a login
    problem that asking for the password again would solve."""
    status = answer.status
    if 200 <= status < 300 or status in set(accept):
        return
    raise_for_status(
        status,
        answer.headers,
        f"{answer.method} {answer.url}",
        redact(server_message(answer), secrets),
        now,
        forbidden_is_refusal=forbidden_is_refusal,
    )


def raise_for_status(
    status: int,
    headers: Mapping[str, str],
    request: str,
    said: str,
    now: datetime,
    *,
    forbidden_is_refusal: bool = False,
) -> None:
    """The rule every adapter shares (Tryton's JSON-RPC too): a non-2xx status as the sync
    error the worker acts on. `request` names it ("POST https://host/path"), `said` is the
    server's own words (already free of secrets)."""
    if 200 <= status < 300:
        return
    retry_after = retry_after_seconds(headers.get("Retry-After"), now)

    def why(code: Code, **more: str) -> SyncReason:
        return reason(code, request=request, status=status, said=said, **more)

    if status == 429:
        raise RateLimited(why(Code.RATE_LIMITED), retry_after)
    if status == 402 and has_quota_headers(headers):
        reset = retry_after if retry_after is not None else quota_reset_seconds(headers)
        raise RateLimited(why(Code.QUOTA_USED_UP), reset)
    if status == 503 and retry_after is not None:  # maintenance: the server said when
        raise RateLimited(why(Code.UNAVAILABLE), retry_after)
    if status == 408 or status >= 500:
        raise TransientError(why(Code.HTTP_FAILED))
    if status == 403 and forbidden_is_refusal:
        raise RefusedError(why(Code.PERMISSION_DENIED))
    if status in (401, 403):
        raise AuthError(why(Code.CREDENTIALS_REFUSED))
    if 300 <= status < 400:
        target = redact_url(headers.get("Location", ""))
        if not target:
            raise RefusedError(why(Code.REDIRECTED_ELSEWHERE))
        raise RefusedError(why(Code.REDIRECTED, target=target))
    raise RefusedError(why(Code.HTTP_FAILED))


def redact(text: str, secrets: Sequence[Secret]) -> str:
    for secret in secrets:
        if secret.reveal() in text:
            text = text.replace(secret.reveal(), "<hidden>")
    return text


class BearerAuth(requests.auth.AuthBase):
    """`Authorization: Bearer <token>`, the token kept as a Secret (hidden in repr)."""

    def __init__(self, token: Secret) -> None:
        self.token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self.token.reveal()}"
        return request

    def __repr__(self) -> str:
        return "BearerAuth(<hidden>)"


class _NoAuth(requests.auth.AuthBase):
    """Set as the session's auth so requests never adds credentials from ~/.netrc."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        return request


@dataclass(frozen=True)
class Timeouts:
    """How long one request may take: to connect, between two bytes of the answer, and
    for the whole answer (checked between chunks)."""

    connect_s: float = CONNECT_TIMEOUT_S
    read_s: float = READ_TIMEOUT_S
    deadline_s: float = DEADLINE_S


DEFAULT_TIMEOUTS = Timeouts()


class HttpClient:
    """Requests to one base URL with the rules above; one adapter owns one client.

    Environment proxies and CA-bundle variables are honoured (companies need them);
    ~/.netrc is not (it would replace our Authorization header).
    """

    def __init__(
        self,
        base_url: str,
        *,
        clock: Clock,
        auth: requests.auth.AuthBase | None = None,
        secrets: Sequence[Secret] = (),
        headers: Mapping[str, str] | None = None,
        timeouts: Timeouts = DEFAULT_TIMEOUTS,
        ca_bundle: str | None = None,
        forbidden_is_refusal: bool = False,
    ) -> None:
        self.base_url = require_safe_url(base_url)
        self._forbidden_is_refusal = forbidden_is_refusal
        self._clock = clock
        self._secrets = tuple(secrets)
        self._timeouts = timeouts
        self._session = requests.Session()
        self._session.auth = auth if auth is not None else _NoAuth()
        # Given with every request: a session-level bundle loses to REQUESTS_CA_BUNDLE.
        self._verify: str | bool = ca_bundle if ca_bundle else True
        self._session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        self._session.headers.update(headers or {})

    def __repr__(self) -> str:
        return f"HttpClient({self.base_url})"

    def url(self, path: str) -> str:
        """`path` below the base URL; "" is the base URL exactly as configured."""
        return f"{self.base_url.rstrip('/')}/{path.lstrip('/')}" if path else self.base_url

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | Sequence[tuple[str, str | int]] | None = None,
        json_body: Any = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        accept: Iterable[int] = (),
    ) -> Answer:
        """Send one request and read its answer; raise the mapped sync error unless the
        answer is 2xx or its status is in `accept` (e.g. 404 for "make it absent").
        TransientError when no answer came."""
        url = self.url(path)
        if json_body is not None:
            body = json.dumps(json_body, ensure_ascii=False, separators=(",", ":")).encode()
            headers = {"Content-Type": "application/json", **(headers or {})}
        answer = self._exchange(method, url, params, body, headers)
        raise_for_answer(
            answer,
            self._clock.now(),
            self._secrets,
            accept,
            forbidden_is_refusal=self._forbidden_is_refusal,
        )
        return answer

    def _exchange(
        self,
        method: str,
        url: str,
        params: Any,
        body: bytes | None,
        headers: Mapping[str, str] | None,
    ) -> Answer:
        shown = f"{method} {redact_url(url)}"
        started = time.monotonic()
        try:
            response = self._session.request(
                method,
                url,
                params=params,
                data=body,
                headers=headers,
                timeout=(self._timeouts.connect_s, self._timeouts.read_s),
                verify=self._verify,
                allow_redirects=False,
                stream=True,
            )
            try:
                content = self._read(response, started, shown)
            finally:
                response.close()
        except requests.exceptions.SSLError:
            raise TransientError(reason(Code.TLS_FAILED, request=shown)) from None
        except requests.exceptions.Timeout:
            raise TransientError(reason(Code.TIMED_OUT, request=shown)) from None
        except requests.exceptions.ConnectionError as exc:
            raise TransientError(reason(_connection_failure(exc), request=shown)) from None
        except requests.exceptions.RequestException as exc:  # chunked errors, bad headers …
            raise TransientError(
                reason(Code.REQUEST_FAILED, request=shown, error=type(exc).__name__)
            ) from None
        return Answer(
            method,
            redact_url(url),
            response.status_code,
            CaseInsensitiveDict(response.headers),
            content,
        )

    def close(self) -> None:
        self._session.close()

    def _read(self, response: requests.Response, started: float, shown: str) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(_CHUNK_BYTES):
            size += len(chunk)
            if size > MAX_ANSWER_BYTES:
                raise TransientError(
                    reason(Code.ANSWER_TOO_LARGE, request=shown, limit=MAX_ANSWER_BYTES)
                )
            if time.monotonic() - started > self._timeouts.deadline_s:
                raise TransientError(
                    reason(
                        Code.ANSWER_TOO_SLOW,
                        request=shown,
                        seconds=f"{self._timeouts.deadline_s:g}",
                    )
                )
            chunks.append(chunk)
        return b"".join(chunks)


def _connection_failure(exc: requests.exceptions.ConnectionError) -> Code:
    """What went wrong, without requests' text (it quotes the full URL)."""
    chain: list[BaseException] = []
    reason: BaseException | None = exc
    while reason is not None and len(chain) < 10 and reason not in chain:
        chain.append(reason)
        reason = reason.__cause__ or reason.__context__ or _first_arg_exception(reason)
    names = {type(link).__name__ for link in chain}
    if any(isinstance(link, ConnectionRefusedError) for link in chain):
        return Code.CONNECTION_REFUSED
    if any(isinstance(link, ConnectionResetError) for link in chain):
        return Code.CONNECTION_RESET
    if any(isinstance(link, TimeoutError) for link in chain) or names & {
        "ReadTimeoutError",
        "ConnectTimeoutError",
    }:
        return Code.TIMED_OUT
    if names & {"NameResolutionError", "gaierror"}:
        return Code.HOST_NOT_FOUND
    if names & {"RemoteDisconnected", "ProtocolError", "IncompleteRead"}:
        return Code.CONNECTION_CLOSED
    return Code.NO_CONNECTION


def _first_arg_exception(exc: BaseException) -> BaseException | None:
    for arg in getattr(exc, "args", ()):
        if isinstance(arg, BaseException):
            return arg
        inner = getattr(arg, "reason", None)
        if isinstance(inner, BaseException):
            return inner
    reason = getattr(exc, "reason", None)
    return reason if isinstance(reason, BaseException) else None


def _json_words(data: Any, depth: int = 0, field_name: str = "") -> list[str]:
    """Strings a JSON error body says, bounded in depth and count."""
    if depth > 6:
        return []
    words: list[str] = []
    if isinstance(data, str):
        return [f"{field_name}: {data}" if field_name else data]
    if isinstance(data, list):
        for item in data[:20]:
            words += _json_words(item, depth + 1, field_name)
        return words
    if not isinstance(data, dict):
        return []
    for key in ("message", "error", "title", "detail", "error_description"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            words.append(f"{field_name}: {value}" if field_name else value)
        elif isinstance(value, dict | list):
            words += _json_words(value, depth + 1, field_name)
    errors = data.get("errors")
    if isinstance(errors, list):
        words += _json_words(errors, depth + 1, field_name)
    children = data.get("children")
    if isinstance(errors, dict):
        words += _json_words(errors.get("errors", []), depth + 1, field_name)
        children = errors.get("children", children)
        for name, value in errors.items():  # {"field": ["msg", …]} (Rails, DRF …)
            if name not in {"errors", "children"} and isinstance(value, list | str):
                words += _json_words(value, depth + 1, str(name))
    if isinstance(children, dict):  # Kimai's (Symfony's) form errors, per field
        for name, child in list(children.items())[:50]:
            words += _json_words(child, depth + 1, str(name))
    return words


def _snippet(body: bytes) -> str:
    text = body[:1000].decode("utf-8", errors="replace").strip()
    return text.splitlines()[0][:200] if text else ""


def _bounded(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "…"
