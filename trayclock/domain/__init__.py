"""The pure core: model types and the billing engine. Standard library only, no I/O, no clock reads."""
