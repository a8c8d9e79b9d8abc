"""`python -m trayclock`: same as the `trayclock` command."""

from __future__ import annotations

import sys

from trayclock.cli import main

sys.exit(main())
