"""The review window's data and edits: store snapshots, the priced day view, its rows (no Qt)."""
