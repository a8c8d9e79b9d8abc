"""The billing engine's refusal: an input document that breaks billing-rules.md.

A module of its own so that code which only catches it (the tray's contract checkpoints,
run in every tray whether or not a store has an hours bank) does not load the engine;
`trayclock.domain.billing_input` raises it and `trayclock.domain.billing` re-exports it.
"""

from __future__ import annotations


class BillingInputError(ValueError):
    """The input document is invalid; `.problems` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)
