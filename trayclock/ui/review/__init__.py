"""The end-of-day review window: timeline, table, totals, edits and submitting the day."""
