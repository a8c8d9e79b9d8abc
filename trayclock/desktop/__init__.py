"""Desktop integration without Qt: start at login, the application menu entry, how to launch."""
