"""Logging in to a real trytond: the connection test, refused passwords, expired sessions,
Tryton's throttling of failed logins, and an unknown database."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests.tryton.fixtures import StartTryton
from tests.tryton.server import TrytonServer
from trayclock.sync.backend import AuthError, RateLimited, SettingsError
from trayclock.sync.tryton import TrytonBackend
from trayclock.sync.tryton_rpc import TrytonRPC

pytestmark = pytest.mark.integration

PASSWORD = "a-technician's-password"


def make_user(admin: TrytonRPC, login: str, password: str = PASSWORD) -> int:
    """A Tryton user with the company and the technician's employee."""
    ctx = admin.context
    (user,) = admin.create(
        "res.user",
        [{"name": login, "login": login, "password": password,
          "companies": [["add", [ctx["company"]]]], "company": ctx["company"],
          "employees": [["add", [ctx["employee"]]]], "employee": ctx["employee"]}],
    )  # fmt: skip
    return user


def logged_in_technician(
    admin: TrytonRPC, server: TrytonServer, names: Callable[[str], str]
) -> tuple[int, TrytonRPC]:
    """A new user of the test's own, logged in: (its id, its session)."""
    login = names("tech").replace(" ", "-")
    user = make_user(admin, login)
    tech = TrytonRPC(server.url, server.database, login, PASSWORD)
    tech.login()
    return user, tech


def test_connection_test_names_server_database_user_company_and_employee(
    backend: TrytonBackend, tryton_server: TrytonServer
) -> None:
    text = backend.test_connection()
    info = tryton_server.info
    assert text.startswith(f"Tryton 8.2 at {tryton_server.url}, database {tryton_server.database}")
    assert str(info["company_name"]) in text and str(info["employee_name"]) in text


def test_a_wrong_password_is_an_auth_error(
    rpc: TrytonRPC, tryton_server: TrytonServer, unique_name: Callable[[str], str]
) -> None:
    login = unique_name("tech").replace(" ", "-")
    make_user(rpc, login)
    wrong = TrytonRPC(tryton_server.url, tryton_server.database, login, "not the password")
    with pytest.raises(AuthError) as caught:
        TrytonBackend(wrong).test_connection()
    assert type(caught.value) is AuthError
    assert "not the password" not in str(caught.value)
    right = TrytonRPC(tryton_server.url, tryton_server.database, login, PASSWORD)
    assert "Tryton 8.2" in TrytonBackend(right).test_connection()


def test_an_expired_session_logs_in_again_by_itself(
    rpc: TrytonRPC, tryton_server: TrytonServer, unique_name: Callable[[str], str]
) -> None:
    user, tech = logged_in_technician(rpc, tryton_server, unique_name)
    # Writing a password ends the user's sessions; writing the same one back keeps it valid.
    rpc.write("res.user", [user], {"password": "something-else-for-a-moment"})
    rpc.write("res.user", [user], {"password": PASSWORD})
    assert tech.search_read("res.user", [["id", "=", user]], ["login"]) == [
        {"id": user, "login": tech.user}
    ]


def test_a_password_changed_in_tryton_is_an_auth_error_after_one_fresh_login(
    rpc: TrytonRPC, tryton_server: TrytonServer, unique_name: Callable[[str], str]
) -> None:
    user, tech = logged_in_technician(rpc, tryton_server, unique_name)
    rpc.write("res.user", [user], {"password": "changed-in-the-office"})
    with pytest.raises(AuthError, match="refused the login"):
        tech.search_read("res.user", [["id", "=", user]], ["login"])


def test_repeated_failed_logins_get_tryton_429_and_no_retry(start_tryton: StartTryton) -> None:
    # max_attempt 1 instead of Tryton's 5 keeps the growing delay (up to 2**n − 1 s) short.
    server = start_tryton({"session": {"max_attempt": 1}})
    wrong = TrytonRPC(server.url, server.database, server.user, "wrong")
    started = time.monotonic()
    for _ in range(2):
        with pytest.raises(AuthError):
            wrong.login()
    with pytest.raises(RateLimited) as caught:
        wrong.login()
    assert caught.value.retry_after is None  # Tryton sends no Retry-After
    # Now even the right password is refused: asking again would only lengthen the pause.
    right = TrytonRPC(server.url, server.database, server.user, server.password)
    with pytest.raises(RateLimited):
        right.login()
    assert time.monotonic() - started < 30  # the delay was waited out, not timed out


def test_an_unknown_database_is_a_settings_error(tryton_server: TrytonServer) -> None:
    rpc = TrytonRPC(tryton_server.url, "no-such-db", tryton_server.user, tryton_server.password)
    with pytest.raises(SettingsError, match="no database 'no-such-db'"):
        rpc.login()
