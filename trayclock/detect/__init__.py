"""Session detection: signal sources, per-app knowledge and the monitor that merges them. No Qt."""
