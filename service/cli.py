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
    from service.batch import run_jsonl
    from service.store import Store

    store = Store(args.db or Settings().database_url) if args.store else None
    pipeline = _pipeline(args, store=store)
    src, dst = Path(args.input), Path(args.output)
    if src.suffix != ".jsonl" or dst.suffix != ".jsonl":
        print("batch: input and output must be .jsonl files", file=sys.stderr)
        return 2
    summary = run_jsonl(pipeline, src, dst, chunk_size=args.chunk_size, run_id=args.run_id)
    print(json.dumps(summary.as_dict(), ensure_ascii=False), file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from service.evaluate import evaluate, format_report
    from training.corpus_rows import read_jsonl

    report = evaluate(_pipeline(args), read_jsonl(args.corpus))
    print(format_report(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
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

    b = common(sub.add_parser("batch", help="triage a file of rows {id, text}"))
    b.add_argument("input")
    b.add_argument("output")
    b.add_argument("--resume", action="store_true", help="continue an interrupted run")
    b.add_argument("--chunk-size", type=int, default=64)
    b.add_argument("--store", action="store_true", help="also write results to the database")
    b.add_argument("--db")
    b.add_argument("--run-id")
    b.set_defaults(func=cmd_batch)

    e = common(sub.add_parser("eval", help="score the pipeline against a gold JSONL file"))
    e.add_argument("corpus")
    e.add_argument("--json", help="also write the full report as JSON here")
    e.set_defaults(func=cmd_eval)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command != "serve":
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
