"""Admin subcommands of `triage` for operating a deployed service.

    triage keys create --name N --scope triage|admin [--rate-per-minute R]   # prints the key once
    triage keys list [--json]
    triage keys revoke ID
    triage purge --before YYYY-MM-DD | --older-than-days N  [--include-audit] [--dry-run]
    triage new-encryption-key                                # for TRIAGE_ENCRYPTION_KEY
    triage serve --dev                                       # no keys; 127.0.0.1 only

They work on the database directly (--db, else TRIAGE_DATABASE_URL), so only whoever can reach
the database can mint or revoke keys; the HTTP API cannot.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from typing import Callable

from service.config import ConfigError, Settings


def add_admin_commands(sub: argparse._SubParsersAction) -> None:
    """Register admin subcommands (keys, purge, new-encryption-key) and `serve --dev` on the `triage` parser."""
    keys = sub.add_parser("keys", help="create, list and revoke API keys")
    ksub = keys.add_subparsers(dest="keys_command", required=True)
    c = ksub.add_parser("create", help="create a key; it is printed once and stored only as a hash")
    c.add_argument("--name", required=True, help="who or what uses the key (e.g. 'hotline-desk-3')")
    c.add_argument("--scope", choices=["triage", "admin"], default="triage",
                   help="triage: triage and labels; admin: also stored data, audit trail, key list")
    c.add_argument("--rate-per-minute", type=float,
                   help="this key's limit in texts per minute (default TRIAGE_RATE_LIMIT_PER_MINUTE; 0: none)")
    c.set_defaults(func=cmd_keys_create)
    ls = ksub.add_parser("list", help="list keys (never the keys themselves)")
    ls.add_argument("--json", action="store_true", help="one JSON object per line")
    ls.add_argument("--active", action="store_true", help="leave out revoked keys")
    ls.set_defaults(func=cmd_keys_list)
    r = ksub.add_parser("revoke", help="revoke a key by id; takes effect on the next request")
    r.add_argument("id")
    r.set_defaults(func=cmd_keys_revoke)
    for p in (c, ls, r):
        p.add_argument("--db", help="database URL (default TRIAGE_DATABASE_URL or sqlite:///var/triage.db)")

    p = sub.add_parser("purge", help="delete stored texts and results older than a date")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--before", help="YYYY-MM-DD (UTC): delete items stored before this day")
    when.add_argument("--older-than-days", type=int, help="delete items older than N days "
                      "(default TRIAGE_RETENTION_DAYS)")
    p.add_argument("--include-audit", action="store_true", help="delete audit rows older than that too")
    p.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    p.add_argument("--db", help="database URL (default TRIAGE_DATABASE_URL or sqlite:///var/triage.db)")
    p.set_defaults(func=cmd_purge)

    k = sub.add_parser("new-encryption-key", help="print a new key for TRIAGE_ENCRYPTION_KEY")
    k.set_defaults(func=cmd_new_encryption_key)

    serve = sub.choices.get("serve")
    if serve is not None:
        serve.add_argument("--dev", action="store_true",
                           help="development: no API keys, every caller is admin; refused unless on 127.0.0.1")
        serve.set_defaults(func=_checked_serve(serve.get_default("func")))


def _checked_serve(serve: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """`triage serve` with --dev, and unsafe settings refused with a message and exit status 2."""

    def run(args: argparse.Namespace) -> int:
        if getattr(args, "dev", False):
            os.environ["TRIAGE_DEV_NO_KEYS"] = "1"      # Settings() in `serve` reads it
        try:
            return serve(args)
        except ConfigError as exc:
            print(f"triage serve: refusing to start: {exc}", file=sys.stderr)
            return 2

    return run


def _store(args: argparse.Namespace):
    from service.store import Store
    return Store(args.db or Settings().database_url)


def cmd_keys_create(args: argparse.Namespace) -> int:
    from service.security import KeyRing
    try:
        principal, key = KeyRing(_store(args)).create(args.name, args.scope, args.rate_per_minute)
    except ValueError as exc:
        print(f"keys create: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({"id": principal.key_id, "name": principal.name, "scope": principal.scope,
                      "rate_per_minute": principal.rate_per_minute, "key": key}, ensure_ascii=False))
    print("Store the key now: it is not kept and cannot be shown again.", file=sys.stderr)
    return 0


def cmd_keys_list(args: argparse.Namespace) -> int:
    from service.security import KeyRing
    rows = KeyRing(_store(args)).list(include_revoked=not args.active)
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return 0
    print(f"{'id':<16} {'scope':<7} {'prefix':<8} {'created (UTC)':<20} {'revoked (UTC)':<20} name")
    for row in rows:
        print(f"{row['id']:<16} {row['scope']:<7} {row['prefix']:<8} {(row['created_at'] or '')[:19]:<20} "
              f"{(row['revoked_at'] or '-')[:19]:<20} {row['name']}")
    return 0


def cmd_keys_revoke(args: argparse.Namespace) -> int:
    from service.security import KeyRing
    if KeyRing(_store(args)).revoke(args.id):
        print(f"revoked {args.id}")
        return 0
    print(f"keys revoke: no active key {args.id}", file=sys.stderr)
    return 1


def cmd_purge(args: argparse.Namespace) -> int:
    if args.before:
        try:
            day = dt.date.fromisoformat(args.before)
        except ValueError:
            print("purge: --before must be YYYY-MM-DD", file=sys.stderr)
            return 2
        before = dt.datetime.combine(day, dt.time(), tzinfo=dt.timezone.utc)
    else:
        days = args.older_than_days if args.older_than_days is not None else Settings().retention_days
        if days is None:
            print("purge: give --before DATE or --older-than-days N (or set TRIAGE_RETENTION_DAYS)", file=sys.stderr)
            return 2
        before = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)
    counts = _store(args).purge(before, include_audit=args.include_audit, dry_run=args.dry_run)
    print(json.dumps({"before": before.isoformat(), "dry_run": args.dry_run, "deleted": counts}))
    return 0


def cmd_new_encryption_key(args: argparse.Namespace) -> int:
    from service.security_crypto import new_key
    print(new_key())
    return 0
