"""How long to wait before trying a backend again after failures that pass by themselves:
capped full-jitter exponential backoff (tenacity's `wait_random_exponential`: a random wait
in [0, min(cap, base × 2^(n-1))] after the n-th failure in a row), so many clients that
lost the same server do not come back at the same moment, and none gives up."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from tenacity import wait_random_exponential

BASE_S = 2.0  # the first window: a retry within 0-2 s
CAP_S = 15 * 60.0  # never wait longer than 15 minutes between two tries


@dataclass(frozen=True)
class Backoff:
    base_s: float = BASE_S
    cap_s: float = CAP_S

    def delay_s(self, failures: int) -> float:
        """The wait after `failures` (≥ 1) transient failures in a row."""
        policy = wait_random_exponential(multiplier=self.base_s, max=self.cap_s)
        # tenacity's wait policies read only `attempt_number` of a retry state.
        state: Any = SimpleNamespace(attempt_number=max(1, failures))
        wait: float = policy(state)
        return wait

    def window_s(self, failures: int) -> float:
        """The longest `delay_s(failures)` can be."""
        return min(self.cap_s, self.base_s * 2.0 ** (max(1, failures) - 1))
