"""`triage` command line (interface.md): serve, classify, batch, eval."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from pathlib import Path

from service.config import Settings, setup_logging

log = logging.getLogger("triage.cli")


def _pipeline(args: argparse.Namespace, store=None):
    from service.classify import load_classifier
    from service.labels import load_labels
    from service.pipeline import Pipeline

    settings = Settings()
    return Pipeline(load_labels(routing_path=args.routing or settings.routing),
                    load_classifier(args.model or settings.model_dir), store=store,
                    max_text_chars=settings.max_text_chars)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from service.api import create_app

    overrides = {k: v for k, v in {"host": args.host, "port": args.port, "model_dir": args.model,
                                   "routing": args.routing, "database_url": args.db}.items() if v is not None}
    if args.no_store:
        overrides["store"] = False
    settings = Settings(**overrides)
    setup_logging(settings.log_level)
    log.info("serving on http://%s:%d (docs at /docs)", settings.host, settings.port)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_config=None,
                timeout_graceful_shutdown=30)
    return 0


def cmd_classify(args: argparse.Namespace) -> int:
    from service.pipeline import InvalidInput

    pipeline = _pipeline(args)
    ref = dt.date.fromisoformat(args.reference_date) if args.reference_date else None
    try:
        result = pipeline.triage(args.text, id=args.id, reference_date=ref)
    except InvalidInput as exc:
        print(json.dumps({"error": {"field": exc.field, "reason": exc.reason}}, ensure_ascii=False), file=sys.stderr)
        return 2
    print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=None if args.compact else 2))
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from service.batch import BatchOptions, run_batch

    settings = Settings()
    opts = BatchOptions(chunk_size=args.chunk_size, workers=args.workers, engine=args.engine, resume=args.resume,
                        checkpoint_rows=args.checkpoint_rows, model_dir=args.model or settings.model_dir,
                        routing=args.routing or settings.routing, max_text_chars=settings.max_text_chars,
                        store_url=(args.db or settings.database_url) if args.store else None,
                        run_id=args.run_id, ray_address=args.ray_address, progress=not args.quiet)
    logging.getLogger("triage").setLevel(logging.INFO)
    try:
        summary = run_batch(Path(args.input), Path(args.output), opts)
    except (ValueError, FileNotFoundError) as exc:
        print(f"batch: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(summary.as_dict(), ensure_ascii=False), file=sys.stderr)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from service.batch.diff import diff_runs, load_outcomes, write_report

    db = args.db or Settings().database_url
    try:
        old, new = load_outcomes(args.old, db), load_outcomes(args.new, db)
    except (ValueError, FileNotFoundError) as exc:
        print(f"diff: {exc}", file=sys.stderr)
        return 2
    report = diff_runs(old, new, samples=args.samples)
    paths = write_report(report, Path(args.out), old, new)
    print(json.dumps({"items": report["items"], "changed": report["changed"], "changed_any": report["changed_any"],
                      "written": [str(p) for p in paths]}, ensure_ascii=False))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from service.evaluate import evaluate, format_report
    from training.corpus_rows import read_jsonl

    report = evaluate(_pipeline(args), read_jsonl(args.corpus))
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(format_report(report))
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="triage", description="Hotline triage: classify, extract, flag and route labour complaints.")
    sub = ap.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--model", help="model directory (default: the shipped model; env TRIAGE_MODEL_DIR)")
        p.add_argument("--routing", help="a city's routing file (default labels/routing.yaml; env TRIAGE_ROUTING)")
        return p

    s = common(sub.add_parser("serve", help="run the HTTP API"))
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.add_argument("--db", help="database URL (default sqlite:///var/triage.db; env TRIAGE_DATABASE_URL)")
    s.add_argument("--no-store", action="store_true", help="do not store triaged items")
    s.set_defaults(func=cmd_serve)

    c = common(sub.add_parser("classify", help="triage one text, JSON to stdout"))
    c.add_argument("text")
    c.add_argument("--id")
    c.add_argument("--reference-date", help="YYYY-MM-DD, for relative periods")
    c.add_argument("--compact", action="store_true", help="one line of JSON")
    c.set_defaults(func=cmd_classify)

    b = common(sub.add_parser("batch", help="triage a file of rows {id, text}: .jsonl, .csv or .parquet"))
    b.add_argument("input")
    b.add_argument("output")
    b.add_argument("--resume", action="store_true", help="continue an interrupted run from its checkpoint")
    b.add_argument("--workers", type=int, default=1, help="processes (local engine) or CPUs (ray engine)")
    b.add_argument("--engine", choices=["local", "ray"], default="local")
    b.add_argument("--ray-address", help="an existing Ray cluster (e.g. ray://head:10001); default: a local Ray")
    b.add_argument("--chunk-size", type=int, default=64, help="texts per model call")
    b.add_argument("--checkpoint-rows", type=int, default=5000, help="rows between checkpoints")
    b.add_argument("--store", action="store_true", help="also write results to the database")
    b.add_argument("--db", help="database URL for --store")
    b.add_argument("--run-id", help="id of this run in the database; re-running it replaces its rows")
    b.add_argument("--quiet", action="store_true", help="no progress output")
    b.set_defaults(func=cmd_batch)

    d = sub.add_parser("diff", help="compare two result files or stored runs (run:RUN_ID)")
    d.add_argument("old")
    d.add_argument("new")
    d.add_argument("--out", default="diff-report", help="folder for diff.md, changed.csv, diff.png")
    d.add_argument("--db", help="database URL for run:RUN_ID sources")
    d.add_argument("--samples", type=int, default=20)
    d.set_defaults(func=cmd_diff)

    e = common(sub.add_parser("eval", help="score the pipeline against a gold JSONL file"))
    e.add_argument("corpus")
    e.add_argument("--json", help="also write the full report as JSON here")
    e.set_defaults(func=cmd_eval)

    from service.cli_admin import add_admin_commands  # keys, purge: operating the deployed service
    add_admin_commands(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command != "serve":
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
