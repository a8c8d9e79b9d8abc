"""One module per remote tool: which signals, which paths, which lines mean start and end."""
