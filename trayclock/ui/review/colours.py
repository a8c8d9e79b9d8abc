"""The review window's colours as hex strings (no Qt): customer hues and signal colours."""

from __future__ import annotations

# Mid-light, clearly distinct hues: dark text stays legible on every one of them.
CUSTOMER_COLOURS = (
    "#7fb2e5",  # blue
    "#f4b168",  # orange
    "#8fcf8a",  # green
    "#c9a2e6",  # violet
    "#e8d35e",  # yellow
    "#7dd0c8",  # teal
    "#f0a3c8",  # pink
    "#b9c46f",  # olive
    "#d8b08c",  # tan
    "#a3b4f2",  # periwinkle
)
UNATTACHED_FILL = "#ffffff"
ALERT = "#d32f2f"  # overlaps and missing customers: the things to fix
REVIEW = "#e08600"  # long sessions awaiting approval
MUTED = "#9e9e9e"  # non-billable, merged
BUSINESS_HOURS = "#e8f3ea"
AFTER_HOURS = "#f4f4f6"
DONE = "#2e7d32"  # a day with nothing left to do
