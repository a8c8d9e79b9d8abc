"""One module per signal source: windows (win32, x11, macos), processes, log tails."""
