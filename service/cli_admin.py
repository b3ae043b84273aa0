"""Admin subcommands of `triage` for operating a deployed service (filled in by the deployment work)."""
from __future__ import annotations

import argparse


def add_admin_commands(sub: argparse._SubParsersAction) -> None:
    """Register admin subcommands (keys, purge) on the `triage` parser."""
    return None
