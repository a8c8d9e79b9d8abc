"""Sync to the billing backend: outbox worker, adapters (Tryton, Kimai, webhook), secrets."""
