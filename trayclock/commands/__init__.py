"""Sub-commands of the `trayclock` CLI, one module each."""
