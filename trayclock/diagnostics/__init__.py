"""`trayclock --self-check` and "Copy diagnostics": what works on this machine, and why not."""
