"""The pure core: model types and the billing engine. Stdlib only, no I/O, no clock reads."""
