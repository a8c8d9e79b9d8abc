"""Every reason sync records (trayclock.domain.sync_reason), with its English words.

Each code's words are an English template marked for Qt translation in the context
`CONTEXT`, its `{name}` placeholders filled from the reason's parameters: the command line
and the log print `english(reason)`, the UI translates the template and fills it the same
way (ui/sync_words.py), so one table holds what every sync message says. A parameter is
data shown as it is (a status, a line id, the backend's own words), or a reason of its own,
said in the same language.

Why this module is long: it is the catalogue of every message the sync layer can leave, a
line or two each, kept in one place and one translation context like the settings' checks.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from enum import StrEnum

from trayclock.domain.sync_reason import STORED_TEXT, Param, SyncReason

CONTEXT = "SyncReason"
_FORMATTER = string.Formatter()


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # named as lupdate looks for it
    """Marks `text` for translation in `context`; the UI translates it where it is shown."""
    return text


class Code(StrEnum):
    # -- a message kept as text, and the worker's own --
    AS_STORED = STORED_TEXT
    NO_BACKEND = "no_backend"
    STILL_RUNNING = "still_running"
    NO_CUSTOMER = "no_customer"
    INTERNAL_ERROR = "internal_error"
    # -- HTTP answers (sync/http.py, the one status rule) --
    NOT_JSON = "not_json"
    RATE_LIMITED = "rate_limited"
    QUOTA_USED_UP = "quota_used_up"
    UNAVAILABLE = "unavailable"
    HTTP_FAILED = "http_failed"
    PERMISSION_DENIED = "permission_denied"
    CREDENTIALS_REFUSED = "credentials_refused"
    REDIRECTED = "redirected"
    REDIRECTED_ELSEWHERE = "redirected_elsewhere"
    TLS_FAILED = "tls_failed"
    TIMED_OUT = "timed_out"
    CONNECTION_REFUSED = "connection_refused"
    CONNECTION_RESET = "connection_reset"
    HOST_NOT_FOUND = "host_not_found"
    CONNECTION_CLOSED = "connection_closed"
    NO_CONNECTION = "no_connection"
    REQUEST_FAILED = "request_failed"
    ANSWER_TOO_LARGE = "answer_too_large"
    ANSWER_TOO_SLOW = "answer_too_slow"
    EVENT_IN_PROGRESS = "event_in_progress"
    # -- URLs --
    NOT_HTTP_URL = "not_http_url"
    URL_HAS_CREDENTIALS = "url_has_credentials"
    PLAIN_HTTP = "plain_http"
    # -- the configured backend and its secret --
    NO_PASSWORD_STORED = "no_password_stored"
    NO_TOKEN_STORED = "no_token_stored"
    NO_SIGNING_SECRET_STORED = "no_signing_secret_stored"
    UNKNOWN_BACKEND = "unknown_backend"
    # -- the OS keyring --
    KEYRING_FAILED = "keyring_failed"
    KEYRING_READ = "keyring_read"
    KEYRING_STORE = "keyring_store"
    KEYRING_DELETE = "keyring_delete"
    KEYRING_NOT_OS = "keyring_not_os"
    KEYRING_NOT_ANSWERING = "keyring_not_answering"
    NO_KEYRING = "no_keyring"
    NAMED_BY_VARIABLE = "named_by_variable"
    NAMED_BY_FILE = "named_by_file"
    HINT_SECRET_SERVICE = "hint_secret_service"
    HINT_KEYCHAIN = "hint_keychain"
    HINT_WINDOWS = "hint_windows"
    # -- Tryton: its answers --
    BACKEND_SAID = "backend_said"
    RECORD_MODIFIED = "record_modified"
    TRYTON_SLOW_DOWN = "tryton_slow_down"
    TRYTON_LOGIN_MORE = "tryton_login_more"
    TRYTON_MISSING_MODULES = "tryton_missing_modules"
    TRYTON_FAILED = "tryton_failed"
    TRYTON_BAD_DATABASE_NAME = "tryton_bad_database_name"
    TRYTON_ODD_LOGIN = "tryton_odd_login"
    TRYTON_ODD_PREFERENCES = "tryton_odd_preferences"
    TRYTON_FORBIDS = "tryton_forbids"
    TRYTON_SESSION_REFUSED = "tryton_session_refused"
    CERTIFICATE_REFUSED = "certificate_refused"
    TRYTON_NO_ANSWER = "tryton_no_answer"
    TRYTON_UNREACHABLE = "tryton_unreachable"
    TRYTON_LOGIN_REFUSED = "tryton_login_refused"
    TRYTON_NO_DATABASE = "tryton_no_database"
    TRYTON_HTTP = "tryton_http"
    NOT_JSON_RPC = "not_json_rpc"
    # -- Tryton: its data --
    TRYTON_NO_COMPANY = "tryton_no_company"
    TRYTON_NO_EMPLOYEE = "tryton_no_employee"
    TRYTON_NO_PRODUCT = "tryton_no_product"
    NO_TRYTON_PROJECT = "no_tryton_project"
    TRYTON_PROJECT_GONE = "tryton_project_gone"
    TRYTON_BATCH_REFUSED = "tryton_batch_refused"
    LINE_CHANGED = "line_changed"
    LINE_KEEPS_CHANGING = "line_keeps_changing"
    LINE_INVOICED = "line_invoiced"
    LINE_INVOICED_NO_DELETE = "line_invoiced_no_delete"
    LINE_DELETED = "line_deleted"
    TRYTON_PARTIES_ALIKE = "tryton_parties_alike"
    # -- Tryton: the month's invoice (`trayclock invoice`) --
    NO_PRICED_ENTRIES = "no_priced_entries"
    ENTRIES_NOT_SENT = "entries_not_sent"
    ENTRY_OUTSIDE_MONTH = "entry_outside_month"
    ENTRY_TWICE = "entry_twice"
    AMOUNT_NOT_CENTS = "amount_not_cents"
    CURRENCY_DIFFERS = "currency_differs"
    INVOICE_PROJECT_GONE = "invoice_project_gone"
    INVOICE_ALREADY = "invoice_already"
    DRAFTS_ALIKE = "drafts_alike"
    LINES_NOT_IN_TRYTON = "lines_not_in_tryton"
    STRANGER_LINES = "stranger_lines"
    ALREADY_ON_INVOICE = "already_on_invoice"
    NO_RECEIVABLE_ACCOUNT = "no_receivable_account"
    NO_REVENUE_ACCOUNT = "no_revenue_account"
    # -- Kimai --
    KIMAI_NO_PARTNER_FIELD = "kimai_no_partner_field"
    KIMAI_LINE_DELETED = "kimai_line_deleted"
    KIMAI_LINE_CHANGED = "kimai_line_changed"
    KIMAI_EXPORTED_NO_DELETE = "kimai_exported_no_delete"
    KIMAI_CHANGED_NO_DELETE = "kimai_changed_no_delete"
    KIMAI_EXPORTED_LOCKED = "kimai_exported_locked"
    NO_KIMAI_PROJECT = "no_kimai_project"
    KIMAI_NO_ID = "kimai_no_id"
    KIMAI_BAD_ZONE = "kimai_bad_zone"
    KIMAI_ODD_ANSWER = "kimai_odd_answer"


TEMPLATES: Mapping[str, str] = {
    Code.AS_STORED: QT_TRANSLATE_NOOP("SyncReason", "{text}"),
    Code.NO_BACKEND: QT_TRANSLATE_NOOP("SyncReason", "no backend is configured"),
    Code.STILL_RUNNING: QT_TRANSLATE_NOOP("SyncReason", "still running: it is sent when it ends"),
    Code.NO_CUSTOMER: QT_TRANSLATE_NOOP(
        "SyncReason", "no customer attached: attach one, then it is sent"
    ),
    Code.INTERNAL_ERROR: QT_TRANSLATE_NOOP(
        "SyncReason", "internal error ({error}: {said}); trying again later"
    ),
    Code.NOT_JSON: QT_TRANSLATE_NOOP(
        "SyncReason", "{request}: HTTP {status} with an answer that is not JSON ('{said}')"
    ),
    Code.RATE_LIMITED: QT_TRANSLATE_NOOP(
        "SyncReason", "{request}: HTTP {status} (rate limited): {said}"
    ),
    Code.QUOTA_USED_UP: QT_TRANSLATE_NOOP(
        "SyncReason", "{request}: HTTP {status} (quota used up): {said}"
    ),
    Code.UNAVAILABLE: QT_TRANSLATE_NOOP(
        "SyncReason", "{request}: HTTP {status} (unavailable): {said}"
    ),
    Code.HTTP_FAILED: QT_TRANSLATE_NOOP("SyncReason", "{request}: HTTP {status}: {said}"),
    Code.PERMISSION_DENIED: QT_TRANSLATE_NOOP(
        "SyncReason", "{request}: HTTP {status} (permission denied): {said}"
    ),
    Code.CREDENTIALS_REFUSED: QT_TRANSLATE_NOOP(
        "SyncReason", "{request}: HTTP {status} (credentials refused): {said}"
    ),
    Code.REDIRECTED: QT_TRANSLATE_NOOP(
        "SyncReason", "{request}: HTTP {status}: redirected to {target}; configure that URL instead"
    ),
    Code.REDIRECTED_ELSEWHERE: QT_TRANSLATE_NOOP(
        "SyncReason", "{request}: HTTP {status}: redirected elsewhere; configure that URL instead"
    ),
    Code.TLS_FAILED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "{request}: the TLS certificate check failed (a captive portal, or a server "
        "certificate your system does not trust: give its CA bundle in the settings)",
    ),
    Code.TIMED_OUT: QT_TRANSLATE_NOOP("SyncReason", "{request}: timed out"),
    Code.CONNECTION_REFUSED: QT_TRANSLATE_NOOP("SyncReason", "{request}: connection refused"),
    Code.CONNECTION_RESET: QT_TRANSLATE_NOOP("SyncReason", "{request}: connection reset"),
    Code.HOST_NOT_FOUND: QT_TRANSLATE_NOOP("SyncReason", "{request}: host name not found"),
    Code.CONNECTION_CLOSED: QT_TRANSLATE_NOOP(
        "SyncReason", "{request}: the connection closed before a complete answer"
    ),
    Code.NO_CONNECTION: QT_TRANSLATE_NOOP("SyncReason", "{request}: no connection"),
    Code.REQUEST_FAILED: QT_TRANSLATE_NOOP("SyncReason", "{request}: {error}"),
    Code.ANSWER_TOO_LARGE: QT_TRANSLATE_NOOP(
        "SyncReason", "{request}: the answer is larger than {limit} bytes"
    ),
    Code.ANSWER_TOO_SLOW: QT_TRANSLATE_NOOP(
        "SyncReason", "{request}: no complete answer within {seconds} s"
    ),
    Code.EVENT_IN_PROGRESS: QT_TRANSLATE_NOOP(
        "SyncReason", "{request}: HTTP 409, the same event is still in progress"
    ),
    Code.NOT_HTTP_URL: QT_TRANSLATE_NOOP("SyncReason", "not an http(s) URL: '{url}'"),
    Code.URL_HAS_CREDENTIALS: QT_TRANSLATE_NOOP(
        "SyncReason",
        "the URL contains a user name or password; put the secret in the keyring (the "
        "configure command asks for it) and leave it out of the URL",
    ),
    Code.PLAIN_HTTP: QT_TRANSLATE_NOOP(
        "SyncReason",
        "{url} uses plain HTTP; use https:// (plain HTTP is accepted only for this "
        "computer: localhost, 127.0.0.1, ::1)",
    ),
    Code.NO_PASSWORD_STORED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "no password is stored for {kind} at {url}: run `trayclock backend configure {kind} …` "
        "again",
    ),
    Code.NO_TOKEN_STORED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "no API token is stored for {kind} at {url}: run `trayclock backend configure {kind} …` "
        "again",
    ),
    Code.NO_SIGNING_SECRET_STORED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "no signing secret is stored for {kind} at {url}: run `trayclock backend configure "
        "{kind} …` again",
    ),
    Code.UNKNOWN_BACKEND: QT_TRANSLATE_NOOP("SyncReason", "unknown backend '{kind}'"),
    Code.KEYRING_FAILED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "the {keyring} keyring could not {action} ({error}: {said}): unlock it and try again "
        "(no keyring running? {hint})",
    ),
    Code.KEYRING_READ: QT_TRANSLATE_NOOP("SyncReason", "read the secret"),
    Code.KEYRING_STORE: QT_TRANSLATE_NOOP("SyncReason", "store the secret"),
    Code.KEYRING_DELETE: QT_TRANSLATE_NOOP("SyncReason", "delete the secret"),
    Code.KEYRING_NOT_OS: QT_TRANSLATE_NOOP(
        "SyncReason",
        "the keyring backend '{chosen}' named by {origin} is not an OS keyring (it may keep "
        "secrets in plain text, or not at all); trayclock refuses it. Remove that setting "
        "and {hint}.",
    ),
    Code.KEYRING_NOT_ANSWERING: QT_TRANSLATE_NOOP(
        "SyncReason", "the {keyring} keyring named by {origin} does not answer ({said}); {hint}"
    ),
    Code.NO_KEYRING: QT_TRANSLATE_NOOP(
        "SyncReason",
        "no OS keyring is available ({said}); trayclock keeps passwords and tokens only there "
        "and never in a file: {hint}",
    ),
    Code.NAMED_BY_VARIABLE: QT_TRANSLATE_NOOP("SyncReason", "the environment variable {name}"),
    Code.NAMED_BY_FILE: QT_TRANSLATE_NOOP("SyncReason", "keyring's config file {path}"),
    Code.HINT_SECRET_SERVICE: QT_TRANSLATE_NOOP(
        "SyncReason",
        "install a Secret Service keyring (GNOME Keyring: `apt install gnome-keyring`, or "
        "KDE's KWallet) and let your desktop session start it",
    ),
    Code.HINT_KEYCHAIN: QT_TRANSLATE_NOOP(
        "SyncReason", "use the macOS Keychain of a logged-in user (Keychain Access)"
    ),
    Code.HINT_WINDOWS: QT_TRANSLATE_NOOP(
        "SyncReason", "sign in to Windows normally (the Credential Locker needs a user session)"
    ),
    Code.BACKEND_SAID: QT_TRANSLATE_NOOP("SyncReason", "{said}"),
    Code.RECORD_MODIFIED: QT_TRANSLATE_NOOP(
        "SyncReason", "the record was modified in the meanwhile"
    ),
    Code.TRYTON_SLOW_DOWN: QT_TRANSLATE_NOOP("SyncReason", "Tryton asks to slow down"),
    Code.TRYTON_LOGIN_MORE: QT_TRANSLATE_NOOP(
        "SyncReason", "Tryton asks for more to log in: {said}"
    ),
    Code.TRYTON_MISSING_MODULES: QT_TRANSLATE_NOOP(
        "SyncReason", "Tryton lacks modules trayclock needs: {said}"
    ),
    Code.TRYTON_FAILED: QT_TRANSLATE_NOOP("SyncReason", "Tryton failed: {said}"),
    Code.TRYTON_BAD_DATABASE_NAME: QT_TRANSLATE_NOOP(
        "SyncReason", "not a Tryton database name: '{database}'"
    ),
    Code.TRYTON_ODD_LOGIN: QT_TRANSLATE_NOOP(
        "SyncReason", "Tryton answered the login with something else than a session"
    ),
    Code.TRYTON_ODD_PREFERENCES: QT_TRANSLATE_NOOP(
        "SyncReason", "Tryton answered get_preferences with something else"
    ),
    Code.TRYTON_FORBIDS: QT_TRANSLATE_NOOP(
        "SyncReason", "Tryton forbids {method} to user {user} (HTTP 403)"
    ),
    Code.TRYTON_SESSION_REFUSED: QT_TRANSLATE_NOOP(
        "SyncReason", "Tryton refused user {user}'s session right after a fresh login"
    ),
    Code.CERTIFICATE_REFUSED: QT_TRANSLATE_NOOP(
        "SyncReason", "the certificate of {host} was refused: {said}"
    ),
    Code.TRYTON_NO_ANSWER: QT_TRANSLATE_NOOP(
        "SyncReason", "Tryton at {url} did not answer within {seconds} s"
    ),
    Code.TRYTON_UNREACHABLE: QT_TRANSLATE_NOOP(
        "SyncReason", "could not reach Tryton at {url}: {said}"
    ),
    Code.TRYTON_LOGIN_REFUSED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Tryton refused the login of user {user} to {database} (wrong user name or password?)",
    ),
    Code.TRYTON_NO_DATABASE: QT_TRANSLATE_NOOP(
        "SyncReason", "Tryton at {url} has no database '{database}'"
    ),
    Code.TRYTON_HTTP: QT_TRANSLATE_NOOP("SyncReason", "Tryton answered HTTP {status}: {said}"),
    Code.NOT_JSON_RPC: QT_TRANSLATE_NOOP(
        "SyncReason", "{url} answered something else than JSON-RPC"
    ),
    Code.TRYTON_NO_COMPANY: QT_TRANSLATE_NOOP("SyncReason", "Tryton user {user} has no company"),
    Code.TRYTON_NO_EMPLOYEE: QT_TRANSLATE_NOOP(
        "SyncReason", "Tryton user {user} has no employee: timesheet lines need one"
    ),
    Code.TRYTON_NO_PRODUCT: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Tryton has no service product with code '{code}' (sold by the hour; trayclock's "
        "lines and invoices use it)",
    ),
    Code.NO_TRYTON_PROJECT: QT_TRANSLATE_NOOP(
        "SyncReason", "customer {customer} has no Tryton project yet"
    ),
    Code.TRYTON_PROJECT_GONE: QT_TRANSLATE_NOOP(
        "SyncReason",
        "the Tryton project {projects} is gone or takes no timesheet lines: sync the customer "
        "again",
    ),
    Code.TRYTON_BATCH_REFUSED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Tryton refused a line of a batch of {count}, so none was made (send them one by one "
        "to find it): {cause}",
    ),
    Code.LINE_CHANGED: QT_TRANSLATE_NOOP(
        "SyncReason", "timesheet line {line} was changed in Tryton since trayclock wrote it"
    ),
    Code.LINE_KEEPS_CHANGING: QT_TRANSLATE_NOOP(
        "SyncReason", "timesheet line {line} keeps changing in Tryton"
    ),
    Code.LINE_INVOICED: QT_TRANSLATE_NOOP(
        "SyncReason", "timesheet line {line} is invoiced in Tryton; its {fields} cannot change"
    ),
    Code.LINE_INVOICED_NO_DELETE: QT_TRANSLATE_NOOP(
        "SyncReason", "timesheet line {line} is invoiced in Tryton and cannot be deleted"
    ),
    Code.LINE_DELETED: QT_TRANSLATE_NOOP(
        "SyncReason", "timesheet line {line} was deleted in Tryton"
    ),
    Code.TRYTON_PARTIES_ALIKE: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Tryton has {count} parties named '{name}' (ids {ids}): choose one for this customer "
        "in the settings",
    ),
    Code.NO_PRICED_ENTRIES: QT_TRANSLATE_NOOP(
        "SyncReason", "customer '{customer}' has no priced entries in {month}"
    ),
    Code.ENTRIES_NOT_SENT: QT_TRANSLATE_NOOP(
        "SyncReason",
        "{count} entries of {customer} in this month are not in Tryton yet (submit and "
        "`trayclock sync` first): {entries}",
    ),
    Code.ENTRY_OUTSIDE_MONTH: QT_TRANSLATE_NOOP(
        "SyncReason", "entry {entry} starts on {day}, not in {month}"
    ),
    Code.ENTRY_TWICE: QT_TRANSLATE_NOOP("SyncReason", "entry {entry} is listed twice"),
    Code.AMOUNT_NOT_CENTS: QT_TRANSLATE_NOOP(
        "SyncReason", "entry {entry}: amount {amount} is not cents"
    ),
    Code.CURRENCY_DIFFERS: QT_TRANSLATE_NOOP(
        "SyncReason", "Tryton's company invoices in {theirs}, trayclock priced in {ours}"
    ),
    Code.INVOICE_PROJECT_GONE: QT_TRANSLATE_NOOP(
        "SyncReason",
        "the Tryton project {project} of {customer} is gone or has no party or timesheet: "
        "sync the customer again",
    ),
    Code.INVOICE_ALREADY: QT_TRANSLATE_NOOP(
        "SyncReason",
        "the invoice for {customer} {month} is already {state} in Tryton (number {number}): "
        "correct it there, with a credit note if it was posted",
    ),
    Code.DRAFTS_ALIKE: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Tryton holds {count} draft invoices for {customer} {month} (ids {ids}): delete all "
        "but one",
    ),
    Code.LINES_NOT_IN_TRYTON: QT_TRANSLATE_NOOP(
        "SyncReason", "{count} entries are not in Tryton yet (sync first): {entries}"
    ),
    Code.STRANGER_LINES: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Tryton holds {count} timesheet lines of {customer} up to {last} that are not invoiced "
        "and not priced here: {lines} — invoice their month first, or remove them",
    ),
    Code.ALREADY_ON_INVOICE: QT_TRANSLATE_NOOP(
        "SyncReason",
        "entries of {customer} {month} are already on invoice {number} ({state}) in Tryton",
    ),
    Code.NO_RECEIVABLE_ACCOUNT: QT_TRANSLATE_NOOP(
        "SyncReason", "Tryton has no receivable account for customer invoices"
    ),
    Code.NO_REVENUE_ACCOUNT: QT_TRANSLATE_NOOP(
        "SyncReason", "Tryton's product trayclock-support has no category with a revenue account"
    ),
    Code.KIMAI_NO_PARTNER_FIELD: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Kimai has no customer custom field '{field}' (or the customer is gone): create it in "
        "Kimai's custom fields for customers so partner IDs can be shared with the team",
    ),
    Code.KIMAI_LINE_DELETED: QT_TRANSLATE_NOOP(
        "SyncReason", "Kimai timesheet {line} was deleted in Kimai"
    ),
    Code.KIMAI_LINE_CHANGED: QT_TRANSLATE_NOOP(
        "SyncReason", "Kimai timesheet {line} was changed in Kimai since trayclock wrote it"
    ),
    Code.KIMAI_EXPORTED_NO_DELETE: QT_TRANSLATE_NOOP(
        "SyncReason", "Kimai timesheet {line} is exported (invoiced): not deleted"
    ),
    Code.KIMAI_CHANGED_NO_DELETE: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Kimai timesheet {line} was changed in Kimai since trayclock wrote it: not deleted",
    ),
    Code.KIMAI_EXPORTED_LOCKED: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Kimai timesheet {line} is exported (invoiced) and locked in Kimai: trayclock's change "
        "was not written",
    ),
    Code.NO_KIMAI_PROJECT: QT_TRANSLATE_NOOP(
        "SyncReason",
        "customer '{customer}' has no Kimai project yet (sync its customer first)",
    ),
    Code.KIMAI_NO_ID: QT_TRANSLATE_NOOP(
        "SyncReason", "Kimai answered a timesheet without an id: {said}"
    ),
    Code.KIMAI_BAD_ZONE: QT_TRANSLATE_NOOP(
        "SyncReason",
        "Kimai did not name a time zone trayclock knows for its user ('{zone}'): set one in "
        "the user's Kimai preferences",
    ),
    Code.KIMAI_ODD_ANSWER: QT_TRANSLATE_NOOP("SyncReason", "{request}: Kimai answered {said}"),
}
# A code this trayclock does not know (a newer one wrote it): said by its name and values.
UNKNOWN = QT_TRANSLATE_NOOP("SyncReason", "{code} ({values})")


def reason(code: Code, /, **params: object) -> SyncReason:
    """A reason with its parameters; values that are not reasons are kept as their text."""
    return SyncReason(
        str(code),
        {k: v if isinstance(v, SyncReason) else str(v) for k, v in params.items()},
    )


def fields_of(template: str) -> set[str]:
    """The placeholders a template fills."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


Words = Callable[[SyncReason], str]


def fill(template: str, found: SyncReason, words: Words) -> str:
    """`template` with the reason's parameters: texts as they are, reasons in `words`; a
    placeholder without a parameter shows as "?" (never a KeyError in front of a person)."""
    values = {}
    for name in fields_of(template):
        value: Param | None = found.params.get(name)
        if isinstance(value, SyncReason):
            values[name] = words(value)
        else:
            values[name] = "?" if value is None else value
    return template.format_map(values)


def template_of(found: SyncReason) -> str | None:
    return TEMPLATES.get(found.code)


def unknown_values(found: SyncReason, words: Words) -> str:
    return ", ".join(
        f"{k}: {words(v) if isinstance(v, SyncReason) else v}" for k, v in found.params.items()
    )


def english(found: SyncReason) -> str:
    """The reason in English: the command line's and the log's words."""
    template = template_of(found)
    if template is None:
        return UNKNOWN.format(code=found.code, values=unknown_values(found, english))
    return fill(template, found, english)
