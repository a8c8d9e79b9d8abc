"""A minimal typed binding to libxcb (ctypes): the few core X requests and events detection uses.

Qt's xcb platform plugin already maps the system's libxcb.so.1 in the tray, and ctypes is
loaded there anyway (trayclock.app_memory), so this costs a few classes instead of python-xlib's
27 modules of request and event tables (~1.9 MiB of Python objects in the idle tray).

What is here: connect / disconnect, the default screen's root, the connection's descriptor,
flush, a round trip (`sync`), InternAtom, GetProperty, GetWindowAttributes, QueryTree,
GetSelectionOwner, ChangeWindowAttributes (the event mask), one extension request sent
through core libxcb (`extension_request`: no per-extension library needed), and the core
events detection follows. Requests with a reply return a `Pending`: many can be sent before
the first reply is read (one round trip for a batch). Every `Pending` must be read
(`reply()`): libxcb keeps an unread reply until the connection closes.

Errors: a reply's X error raises `RequestError` (`window_gone` for BadWindow / BadDrawable, the
normal fate of a window that vanished mid-query); an error of a request sent without a reply
(ChangeWindowAttributes) arrives among the events as an `Event` of kind `X_ERROR`; a broken
or refused connection raises `ConnectionLost`.

Layouts: the X Window System Protocol (X11R7, "Encoding"), as in libxcb's generated
xcb/xproto.h and xcb/xcb.h; offsets are cited where a reply or event is read. Every reply,
event and error libxcb hands over is a malloc'ed buffer: copied out, then freed (libc free).

Why this module is long: the library's prototypes, the wire layouts and the
connection that uses them are one binding, checked against each other when read together.
"""

from __future__ import annotations

import ctypes
import functools
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

LIBRARY = "libxcb.so.1"  # by soname: dlopen finds the copy Qt has loaded (no ldconfig child)

# Core event codes (xproto.h XCB_*_NOTIFY); 0 is an error delivered among the events.
X_ERROR = 0
CREATE_NOTIFY = 16
DESTROY_NOTIFY = 17
UNMAP_NOTIFY = 18
MAP_NOTIFY = 19
REPARENT_NOTIFY = 21
PROPERTY_NOTIFY = 28
_SENT_EVENT_BIT = 0x80  # set in response_type when another client sent it (SendEvent)
# Event masks (xcb_event_mask_t) and the ChangeWindowAttributes value bit (xcb_cw_t).
EVENT_MASK_SUBSTRUCTURE_NOTIFY = 1 << 19
EVENT_MASK_PROPERTY_CHANGE = 1 << 22
_CW_EVENT_MASK = 1 << 11
# Predefined atoms (xcb_atom_enum_t).
ATOM_ANY = 0
ATOM_CARDINAL = 6
ATOM_STRING = 31
ATOM_WINDOW = 33
ATOM_WM_NAME = 39
ATOM_WM_CLASS = 67
MAP_STATE_UNMAPPED = 0  # GetWindowAttributes map_state (xcb_map_state_t)
# Error codes (xproto.h XCB_WINDOW, XCB_DRAWABLE).
BAD_WINDOW = 3
BAD_DRAWABLE = 9
_WINDOW_GONE = frozenset({BAD_WINDOW, BAD_DRAWABLE})

_REPLY_HEAD = 32  # every reply's fixed part; its data follows (xcb_get_property_value: R + 1)
_EVENT_SIZE = 32  # every core event and error on the wire
_REQUEST_CHECKED = 1  # xcb_send_request_flags_t XCB_REQUEST_CHECKED: the error comes as reply
# xcb_connection_has_error's codes (xcb.h XCB_CONN_*)
_CONNECTION_ERRORS = {
    1: "socket, pipe or stream error",
    2: "extension not supported",
    3: "out of memory",
    4: "request too long",
    5: "cannot parse the display name",
    6: "no such screen",
    7: "file descriptor passing failed",
}

T = TypeVar("T")


class XcbError(Exception):
    """Something went wrong talking to the X server."""


class ConnectionLost(XcbError):
    """The connection could not be made, broke, or was closed: make a new one."""


class RequestError(XcbError):
    """The X server refused a request (its X error code in `code`)."""

    def __init__(self, code: int, resource: int, major: int, minor: int) -> None:
        super().__init__(f"X error {code} (resource 0x{resource:x}, request {major}.{minor})")
        self.code = code
        self.resource = resource

    @property
    def window_gone(self) -> bool:
        """BadWindow / BadDrawable: the window no longer exists."""
        return self.code in _WINDOW_GONE


@dataclass(frozen=True, slots=True)
class Event:
    """A core event (or an error of a request sent without a reply: kind X_ERROR)."""

    kind: int  # the event code, without the "sent by another client" bit
    window: int  # the window it is about (an error's resource id); 0 for other kinds
    atom: int = 0  # PROPERTY_NOTIFY: the property that changed
    error: int = 0  # X_ERROR: the error code


@dataclass(frozen=True, slots=True)
class Property:
    """A GetProperty reply: type ATOM_ANY (0) when the window has no such property."""

    type: int
    format: int  # 8, 16 or 32 bits per item
    value: bytes

    def cardinals(self) -> tuple[int, ...]:
        """A format-32 value as numbers (the server sends them in our byte order)."""
        if self.format != 32:
            return ()
        return struct.unpack_from(f"={len(self.value) // 4}I", self.value)


class _Cookie(ctypes.Structure):  # every xcb_*_cookie_t: the request's sequence number
    _fields_ = [("sequence", ctypes.c_uint)]


class _ScreenIterator(ctypes.Structure):  # xcb_screen_iterator_t
    _fields_ = [("data", ctypes.c_void_p), ("rem", ctypes.c_int), ("index", ctypes.c_int)]


class _IoVec(ctypes.Structure):  # struct iovec (sys/uio.h)
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


class _ProtocolRequest(ctypes.Structure):  # xcb_protocol_request_t (xcb/xcbext.h)
    _fields_ = [
        ("count", ctypes.c_size_t),
        ("ext", ctypes.c_void_p),
        ("opcode", ctypes.c_uint8),
        ("isvoid", ctypes.c_uint8),
    ]


@functools.cache
def _libraries() -> tuple[ctypes.CDLL, Callable[[int], None]]:
    """libxcb with the prototypes used here, and libc's free (dlopen(NULL): already loaded)."""
    xcb = ctypes.CDLL(LIBRARY)
    conn, u8, u16, u32 = ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint16, ctypes.c_uint32
    prototypes: dict[str, tuple[object, list[object]]] = {
        "xcb_connect": (conn, [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]),
        "xcb_connection_has_error": (ctypes.c_int, [conn]),
        "xcb_disconnect": (None, [conn]),
        "xcb_get_file_descriptor": (ctypes.c_int, [conn]),
        "xcb_flush": (ctypes.c_int, [conn]),
        "xcb_get_setup": (ctypes.c_void_p, [conn]),
        "xcb_setup_roots_iterator": (_ScreenIterator, [ctypes.c_void_p]),
        "xcb_screen_next": (None, [ctypes.POINTER(_ScreenIterator)]),
        "xcb_intern_atom": (_Cookie, [conn, u8, u16, ctypes.c_char_p]),
        "xcb_get_property": (_Cookie, [conn, u8, u32, u32, u32, u32, u32]),
        "xcb_get_window_attributes": (_Cookie, [conn, u32]),
        "xcb_query_tree": (_Cookie, [conn, u32]),
        "xcb_get_input_focus": (_Cookie, [conn]),
        "xcb_get_selection_owner": (_Cookie, [conn, u32]),
        "xcb_query_extension": (_Cookie, [conn, u16, ctypes.c_char_p]),
        "xcb_change_window_attributes": (_Cookie, [conn, u32, u32, ctypes.POINTER(u32)]),
        "xcb_send_request": (
            ctypes.c_uint,
            [conn, ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(_ProtocolRequest)],
        ),
        "xcb_wait_for_reply": (ctypes.c_void_p, [conn, ctypes.c_uint, ctypes.c_void_p]),
        "xcb_poll_for_event": (ctypes.c_void_p, [conn]),
    }
    for name, (result, arguments) in prototypes.items():
        function = getattr(xcb, name)
        function.restype = result
        function.argtypes = arguments
    free = ctypes.CDLL(None).free
    free.restype = None
    free.argtypes = [ctypes.c_void_p]
    return xcb, free


def _take(pointer: int, size: int | None = None) -> bytes:
    """Copy a buffer libxcb allocated and free it; a reply's size is in its header (the
    32-bit `length` at offset 4 counts 4-byte units after the first 32 bytes)."""
    _, free = _libraries()
    try:
        if size is None:
            size = _REPLY_HEAD + 4 * ctypes.c_uint32.from_address(pointer + 4).value
        return ctypes.string_at(pointer, size)
    finally:
        free(pointer)


def _request_error(data: bytes) -> RequestError:
    # xcb_generic_error_t: error_code @1, resource_id @4, minor_code @8, major_code @10.
    code, resource, minor, major = struct.unpack_from("=xBxxIHB", data)
    return RequestError(code, resource, major, minor)


def _event(data: bytes) -> Event:
    kind = data[0] & ~_SENT_EVENT_BIT
    if kind == X_ERROR:
        error = _request_error(data)
        return Event(X_ERROR, error.resource, error=error.code)
    if kind == PROPERTY_NOTIFY:  # window @4, atom @8 (xcb_property_notify_event_t)
        window, atom = struct.unpack_from("=II", data, 4)
        return Event(kind, window, atom=atom)
    if kind in (MAP_NOTIFY, UNMAP_NOTIFY, DESTROY_NOTIFY, CREATE_NOTIFY, REPARENT_NOTIFY):
        # The window concerned @8 in all five (after `event`, or `parent` for CreateNotify).
        return Event(kind, struct.unpack_from("=I", data, 8)[0])
    return Event(kind, 0)


class Pending(Generic[T]):
    """A request sent whose reply is read (waited for) by `reply()`, once."""

    __slots__ = ("_connection", "_parse", "_sequence")

    def __init__(self, connection: Connection, sequence: int, parse: Callable[[bytes], T]):
        self._connection = connection
        self._sequence = sequence
        self._parse = parse

    def reply(self) -> T:
        """The reply; RequestError when the server refused the request."""
        return self._parse(self._connection._wait_for_reply(self._sequence))

    def result(self) -> T | RequestError:
        """The reply, or the server's refusal as a value: a batch reads every reply even
        when one fails (only a lost connection raises)."""
        try:
            return self.reply()
        except RequestError as refused:
            return refused


def _property(data: bytes) -> Property:
    # xcb_get_property_reply_t: format @1, type @8, value_len @16 (in `format`-bit items),
    # the value from offset 32.
    fmt = data[1]
    kind, value_len = struct.unpack_from("=I4xI", data, 8)
    return Property(kind, fmt, data[_REPLY_HEAD : _REPLY_HEAD + value_len * (fmt // 8)])


def _card32_at(offset: int) -> Callable[[bytes], int]:
    return lambda data: int(struct.unpack_from("=I", data, offset)[0])


_atom = _card32_at(8)  # xcb_intern_atom_reply_t: atom @8


def _map_state(data: bytes) -> int:  # xcb_get_window_attributes_reply_t: map_state @26
    return data[26]


def _children(data: bytes) -> list[int]:
    # xcb_query_tree_reply_t: children_len (16 bits) @16, the window ids from offset 32.
    (count,) = struct.unpack_from("=H", data, 16)
    return list(struct.unpack_from(f"={count}I", data, _REPLY_HEAD))


def _extension(data: bytes) -> int | None:
    # xcb_query_extension_reply_t: present @8, major_opcode @9.
    return data[9] if data[8] else None


class Connection:
    """One connection to an X display; not shared between threads."""

    def __init__(self, display: str) -> None:
        xcb, _ = _libraries()
        self._xcb = xcb
        screen = ctypes.c_int(0)
        handle = xcb.xcb_connect(display.encode(), ctypes.byref(screen))
        code = xcb.xcb_connection_has_error(handle)
        if code:
            xcb.xcb_disconnect(handle)  # a failed connection is an object too: free it
            raise ConnectionLost(f"cannot connect: {_CONNECTION_ERRORS.get(code, code)}")
        self._handle: int | None = handle
        self._held: Event | None = None  # read by `has_event`, not yet handed out
        self.screen = screen.value
        self.root = self._root_of(screen.value)

    def _root_of(self, number: int) -> int:
        screens = self._xcb.xcb_setup_roots_iterator(self._xcb.xcb_get_setup(self._handle))
        for _ in range(number):
            self._xcb.xcb_screen_next(ctypes.byref(screens))
        if not screens.data:
            self.close()
            raise ConnectionLost(f"no screen {number}")
        return ctypes.c_uint32.from_address(screens.data).value  # xcb_screen_t: root @0

    # --- the connection -------------------------------------------------------------------

    def _live(self) -> int:
        """The handle while the connection works, else ConnectionLost."""
        handle = self._handle
        if handle is None:
            raise ConnectionLost("connection closed")
        code = self._xcb.xcb_connection_has_error(handle)
        if code:
            raise ConnectionLost(f"connection broken: {_CONNECTION_ERRORS.get(code, code)}")
        return handle

    def fileno(self) -> int:
        """The socket: readable when the server sent something."""
        return int(self._xcb.xcb_get_file_descriptor(self._live()))

    def flush(self) -> None:
        """Send every request still buffered."""
        if self._xcb.xcb_flush(self._live()) <= 0:
            self._live()  # raises: the flush failed because the connection broke

    def sync(self) -> None:
        """A round trip: the server has handled every request sent before it returns."""
        Pending(self, self._xcb.xcb_get_input_focus(self._live()).sequence, bytes).reply()

    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            self._xcb.xcb_disconnect(handle)

    def _wait_for_reply(self, sequence: int) -> bytes:
        error = ctypes.c_void_p()
        reply = self._xcb.xcb_wait_for_reply(self._live(), sequence, ctypes.byref(error))
        if reply:
            return _take(reply)
        if error.value:
            raise _request_error(_take(error.value, _EVENT_SIZE))
        self._live()  # no reply, no error: the connection broke
        raise ConnectionLost("no reply")

    # --- requests -------------------------------------------------------------------------

    def intern_atoms(self, names: list[str]) -> list[int]:
        """The atoms of these names (made if new), in one round trip."""
        handle = self._live()
        asked = [
            Pending(self, self._xcb.xcb_intern_atom(handle, 0, len(raw), raw).sequence, _atom)
            for raw in (name.encode() for name in names)
        ]
        return [pending.reply() for pending in asked]

    def get_property(self, window: int, prop: int, kind: int, longs: int) -> Pending[Property]:
        """Up to `longs` 32-bit units of a property, if of type `kind` (ATOM_ANY: any)."""
        cookie = self._xcb.xcb_get_property(self._live(), 0, window, prop, kind, 0, longs)
        return Pending(self, cookie.sequence, _property)

    def get_map_state(self, window: int) -> Pending[int]:
        """The window's map state (GetWindowAttributes); BadWindow once it is gone."""
        cookie = self._xcb.xcb_get_window_attributes(self._live(), window)
        return Pending(self, cookie.sequence, _map_state)

    def query_tree(self, window: int) -> list[int]:
        """The window's children, bottom to top."""
        cookie = self._xcb.xcb_query_tree(self._live(), window)
        return Pending(self, cookie.sequence, _children).reply()

    def get_selection_owner(self, selection: int) -> int:
        """The window owning the selection, 0 when none."""
        cookie = self._xcb.xcb_get_selection_owner(self._live(), selection)
        return Pending(self, cookie.sequence, _card32_at(8)).reply()  # owner @8

    def set_event_mask(self, window: int, mask: int) -> None:
        """Which of the window's events this connection gets (ChangeWindowAttributes). No
        reply: an error (the window vanished) comes among the events; `flush` to send."""
        value = ctypes.c_uint32(mask)
        self._xcb.xcb_change_window_attributes(
            self._live(), window, _CW_EVENT_MASK, ctypes.byref(value)
        )

    def query_extension(self, name: str) -> int | None:
        """The extension's major opcode, None when the server lacks it."""
        raw = name.encode()
        cookie = self._xcb.xcb_query_extension(self._live(), len(raw), raw)
        return Pending(self, cookie.sequence, _extension).reply()

    def extension_request(self, major: int, minor: int, body: bytes) -> Pending[bytes]:
        """Send an extension's request that has a reply: `body` is what follows the 4-byte
        header (major opcode, minor opcode, length), a multiple of 4 bytes. libxcb fills in
        the length; without an `xcb_extension_t` it sets only byte 0, so the minor opcode is
        ours to put in byte 1 (xcb_out.c)."""
        if len(body) % 4:
            raise ValueError("an X request is a whole number of 4-byte units")
        data = ctypes.create_string_buffer(struct.pack("=BBH", major, minor, 0) + body)
        # Two iovecs before ours for libxcb's own use (xcbext.h), ours, then the (empty)
        # padding one the generated code always passes.
        vector = (_IoVec * 4)()
        vector[2] = _IoVec(ctypes.cast(data, ctypes.c_void_p), 4 + len(body))
        ours = ctypes.addressof(vector) + 2 * ctypes.sizeof(_IoVec)
        request = _ProtocolRequest(count=2, ext=None, opcode=major, isvoid=0)
        sequence = self._xcb.xcb_send_request(
            self._live(), _REQUEST_CHECKED, ours, ctypes.byref(request)
        )
        if not sequence:
            self._live()
            raise ConnectionLost("request not sent")
        return Pending(self, sequence, bytes)

    # --- events ---------------------------------------------------------------------------

    def has_event(self) -> bool:
        """Whether an event is waiting (queued, or on the socket now); never blocks."""
        if self._held is None:
            self._held = self._poll()
        return self._held is not None

    def poll_event(self) -> Event | None:
        """The next event, None when none is waiting; never blocks."""
        held, self._held = self._held, None
        return held if held is not None else self._poll()

    def _poll(self) -> Event | None:
        pointer = self._xcb.xcb_poll_for_event(self._live())
        if not pointer:
            self._live()  # None because the connection broke: say so
            return None
        return _event(_take(pointer, _EVENT_SIZE))
