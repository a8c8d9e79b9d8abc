"""JSON-RPC to trytond: login, the session header, the user's context, timeouts, HTTPS, and
every HTTP status turned into one of sync/backend.py's errors (the body's encodings and its
`error` member: sync/tryton_wire.py).

Shapes (trytond 8.2, see shared/docs/backends.md): `POST <url>/<database>/rpc/` with
`{"id", "method", "params"}`; `common.db.login [user, {"password"}, language]` answers
`[user_id, session, …]`, then every call carries `Authorization: Session
base64("user:user_id:session")`; model calls are `model.<model>.<method>` and their last
parameter is the context (from `model.res.user.get_preferences [true, {}]`). Tryton answers a
refusal with HTTP 200 and an `error` member, so the body decides, never the status alone.
"""

from __future__ import annotations

import base64
import itertools
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import requests

from trayclock.clock import SystemClock
from trayclock.sync.backend import (
    AuthError,
    RefusedError,
    SettingsError,
    TransientError,
)
from trayclock.sync.http import InsecureUrl, raise_for_status, require_safe_url
from trayclock.sync.reasons import Code, reason
from trayclock.sync.tryton_wire import dumps, loads, raise_for_error, short

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 30.0
# trytond delays a login after failed ones by up to 2**count - 1 s (count up to its
# max_attempt, 5 by default) before it answers; a shorter timeout would give up, retry and
# so count one more failure.
LOGIN_TIMEOUT_S = 40.0
LANGUAGE = "en"

Domain = Sequence[Any]


def check_url(url: str) -> str:
    """The server's base URL without a trailing slash; HTTPS unless the host is loopback
    (sync/http.py's rule for every backend)."""
    try:
        return require_safe_url(url).rstrip("/")
    except InsecureUrl as error:
        raise SettingsError(error.reason) from None


class _Unauthorized(Exception):
    """HTTP 401/403 on a call: the caller logs in again once."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


# --- the client -------------------------------------------------------------------------


class TrytonRPC:
    """One logged-in JSON-RPC session to one Tryton database. Not thread-safe: the worker
    keeps one request in flight per backend."""

    def __init__(
        self,
        url: str,
        database: str,
        user: str,
        password: str,
        *,
        http: requests.Session | None = None,
        timeout_s: float = READ_TIMEOUT_S,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.url = check_url(url)
        if not database or "/" in database:
            raise SettingsError(reason(Code.TRYTON_BAD_DATABASE_NAME, database=database))
        self.database = database
        self.user = user
        self._password = password
        self._http = http if http is not None else requests.Session()
        if not self._http.verify:  # certificate checks stay on (a CA bundle path is fine)
            self._http.verify = True
        self.timeout_s = timeout_s
        self._now = now or SystemClock().now
        self._auth: str | None = None
        self._context: dict[str, Any] | None = None
        self._ids = itertools.count(1)

    def __repr__(self) -> str:  # never the password or the session
        return f"TrytonRPC({self.url!r}, database={self.database!r}, user={self.user!r})"

    # -- session --

    def login(self) -> None:
        """Log in afresh and read the user's context."""
        self._auth = None
        self._context = None
        result = self._post(
            "common.db.login",
            [self.user, {"password": self._password}, LANGUAGE],
            timeout_s=LOGIN_TIMEOUT_S,
            login=True,
        )
        if not (isinstance(result, list) and len(result) >= 2):
            raise TransientError(reason(Code.TRYTON_ODD_LOGIN))
        token = f"{self.user}:{result[0]}:{result[1]}".encode()
        self._auth = "Session " + base64.b64encode(token).decode("ascii")
        preferences = self._post("model.res.user.get_preferences", [True, {}])
        if not isinstance(preferences, dict):
            raise TransientError(reason(Code.TRYTON_ODD_PREFERENCES))
        self._context = preferences

    def logout(self) -> None:
        if self._auth is not None:
            try:
                self._post("common.db.logout", [])
            finally:
                self._auth = None
                self._context = None

    @property
    def context(self) -> dict[str, Any]:
        """The user's context (company, employee, language …), logging in if needed."""
        if self._context is None:
            self.login()
        assert self._context is not None
        return self._context

    # -- calls --

    def call(self, method: str, params: Sequence[Any]) -> Any:
        """One RPC call; a 401/403 logs in again once, a second one is an AuthError."""
        if self._auth is None:
            self.login()
        try:
            return self._post(method, params)
        except _Unauthorized:
            self.login()
            try:
                return self._post(method, params)
            except _Unauthorized as again:
                self._auth = None
                if again.status == 403:  # trytond: the method is not open to RPC
                    raise AuthError(
                        reason(Code.TRYTON_FORBIDS, method=method, user=self.user)
                    ) from None
                raise AuthError(reason(Code.TRYTON_SESSION_REFUSED, user=self.user)) from None

    def execute(
        self, model: str, method: str, *args: Any, context: Mapping[str, Any] | None = None
    ) -> Any:
        """`model.<model>.<method>` with the user's context (plus `context`) last."""
        ctx = dict(self.context)
        if context:
            ctx.update(context)
        return self.call(f"model.{model}.{method}", [*args, ctx])

    def search_read(
        self,
        model: str,
        domain: Domain,
        fields: Sequence[str],
        *,
        offset: int = 0,
        limit: int | None = None,
        order: Sequence[tuple[str, str]] | None = None,
        context: Mapping[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        order_param = [list(o) for o in order] if order is not None else None
        rows = self.execute(
            model, "search_read", list(domain), offset, limit, order_param, list(fields),
            context=context,
        )  # fmt: skip
        return list(rows)

    def read(
        self,
        model: str,
        ids: Sequence[int],
        fields: Sequence[str],
        *,
        context: Mapping[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        return list(self.execute(model, "read", list(ids), list(fields), context=context))

    def create(
        self,
        model: str,
        records: Sequence[Mapping[str, Any]],
        *,
        context: Mapping[str, Any] | None = None,
    ) -> list[int]:
        return [int(i) for i in self.execute(model, "create", list(records), context=context)]

    def write(
        self,
        model: str,
        ids: Sequence[int],
        values: Mapping[str, Any],
        *,
        context: Mapping[str, Any] | None = None,
    ) -> None:
        self.execute(model, "write", list(ids), dict(values), context=context)

    def delete(
        self, model: str, ids: Sequence[int], *, context: Mapping[str, Any] | None = None
    ) -> None:
        self.execute(model, "delete", list(ids), context=context)

    def server_version(self) -> str:
        """The server's series (e.g. "8.2"); needs no login."""
        return str(self._post("common.server.version", [], root=True))

    # -- transport --

    def _post(
        self,
        method: str,
        params: Sequence[Any],
        *,
        timeout_s: float | None = None,
        login: bool = False,
        root: bool = False,
    ) -> Any:
        url = f"{self.url}/rpc/" if root else f"{self.url}/{self.database}/rpc/"
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self._auth is not None and not login and not root:
            headers["Authorization"] = self._auth
        body = dumps({"id": next(self._ids), "method": method, "params": list(params)})
        read_timeout = timeout_s if timeout_s is not None else self.timeout_s
        try:
            response = self._http.post(
                url, data=body, headers=headers, timeout=(CONNECT_TIMEOUT_S, read_timeout)
            )
        except requests.exceptions.SSLError as error:
            raise SettingsError(
                reason(
                    Code.CERTIFICATE_REFUSED,
                    host=urlsplit(self.url).hostname or "",
                    said=short(error),
                )
            ) from None
        except requests.Timeout:
            raise TransientError(
                reason(Code.TRYTON_NO_ANSWER, url=self.url, seconds=f"{read_timeout:g}")
            ) from None
        except requests.RequestException as error:
            raise TransientError(
                reason(Code.TRYTON_UNREACHABLE, url=self.url, said=short(error))
            ) from None
        return self._answer(response, login=login)

    def _answer(self, response: requests.Response, *, login: bool) -> Any:
        status = response.status_code
        if status in {401, 403}:
            if login:
                raise AuthError(
                    reason(Code.TRYTON_LOGIN_REFUSED, user=self.user, database=self.database)
                )
            raise _Unauthorized(status)
        if status == 404:
            raise SettingsError(
                reason(Code.TRYTON_NO_DATABASE, url=self.url, database=self.database)
            )
        if status != 200:
            raise_for_status(
                status, response.headers, f"Tryton at {self.url}", short(response.text),
                self._now(),
            )  # fmt: skip
            raise RefusedError(reason(Code.TRYTON_HTTP, status=status, said=short(response.text)))
        try:
            answer = loads(response.content)
        except ValueError:
            raise TransientError(reason(Code.NOT_JSON_RPC, url=self.url)) from None
        if not isinstance(answer, dict):
            raise TransientError(reason(Code.NOT_JSON_RPC, url=self.url))
        if answer.get("error") is not None:
            raise_for_error(answer["error"])
        return answer.get("result")
