"""The week simulator (issue #12 item 2): the real trayclock through a scripted technician's
days on a virtual desktop, faults injected, and a verdict with counts.

What runs for real: `python -m trayclock` (the composition root, the detection monitor on the
real X display, the tracker, the SQLite store on a file system of its own, the tray icon on
a StatusNotifierItem host, the attach prompt), the `trayclock` command line (settings import,
phone timers, export), X11 windows with the remote tools' titles and classes from another
X client, the tools' log files appended line by line in each tool's format, processes named
like the tools, mouse and keyboard input on the prompt through xdotool.

What is simulated, and how:
- time runs `rate` times faster for every process of the run (libfaketime under one
  `faketime` wrapper: one shared start), so a day takes minutes (`clock.py`);
- a sleep of the computer is what a process sees of one: the wall clock and CLOCK_BOOTTIME
  jump, CLOCK_MONOTONIC stands still (`simclock.c`); the app is SIGSTOPped while its clocks
  are moved. The kernel, the X server and the other processes do not sleep;
- a wall-clock step (NTP) moves the wall clock alone; a stall is SIGSTOP/SIGCONT of the app
  while all clocks run on; a night the app is not running is every clock moving on;
- a full disk is the store's own 16 MiB tmpfs filled to the last byte and freed (root, in
  a private mount namespace that goes with the run);
- TeamViewer's Connections.txt (Windows only in reality) is written on Linux too and pointed
  to with TRAYCLOCK_LOGS, so every session has a log with exact times.

What it cannot model: the X server and the desktop run on real time (input idle time,
event times; so idle suggestions are not exercised: the technician's input keeps them
away), and every cost of the app is `rate` times larger on the fast clock: a real second
of lag on a loaded machine is a minute of the day. The driver keeps the script's spacing
when it falls behind, waits for the tray to have stored the sessions open before a fault
that acts on time, and says in its notes how late the day ran.

Modules: `cast` (customers, partners, the company file) · `plan` (the days, seeded) ·
`actions` (a day as timed steps) · `clock` · `tools` (windows, logs, processes) ·
`technician` (the prompt, input) · `app_process` (the tray and its disk) · `run` (the
driver) · `record` (what was done) · `store_view`, `audit_check`, `verdict` (the judgement)
· `launch` (starting a run from outside).
"""
