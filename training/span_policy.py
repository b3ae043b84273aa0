"""How should extraction combine a span tagger with its rules? Score the ways on held-out rows.

    python -m training.span_policy --gold corpora/gold/authored/dev-d.jsonl \
        --spans runs/spans-fold-d/spans-dev-d.jsonl [--snap]

`--spans` is the output of `training.finetune_spans --predict` for a tagger that never saw
the gold file. The rules' answer is computed here by the checked-out `service.extract`; to
score rules that had not seen the gold file either, point `--rules-from` at a worktree of
the commit before they were written from it (`git worktree add /tmp/old COMMIT`).

Ways, per field (employer, contractor, project), at a probability threshold t:
- rules: the rules alone;  model: the tagger alone (its most probable span >= t);
- fill: rules, and the tagger where the rules found nothing;
- model-first: the tagger where it is sure (>= t), else the rules;
and each of rules / fill / model-first "+veto": a rule span stands only where the tagger tagged
that field over it at any confidence (`FieldPolicy.veto`).
`--snap` moves each tagger span onto the rule candidate it overlaps most (organisation
names found by `find_orgs`, the rules' own employer / contractor / project): the small
tagger finds the right organisation far more often than it finds its first character.
A tagger span counts at the first occurrence of its text, as the gold spans do.

A tagger with an `owed` tag is scored on owed_total too (exact value over the rows whose gold states
one, and false totals where it states none): rules; fill: the tagged amount where the rules found no
owed total; model-first: the tagged amount wherever the tagger is sure.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

FIELDS = ("employer", "contractor", "project")
WAYS = ("rules", "model", "fill", "model-first", "rules+veto", "fill+veto", "model-first+veto")


def combine(way: str, rule: tuple[int, int] | None, model: tuple[int, int] | None,
            tagged: list) -> tuple[int, int] | None:
    """The served ways (`service.extract.combine.choose`, with or without the veto) and one
    measured only: the model alone."""
    from service.extract.combine import choose    # here, not at the top: see --rules-from

    if way == "model":
        return model
    base, _, veto = way.partition("+")
    got = choose(base, rule, model)
    # as `service.extract.combine.vetoed`, written out so that --rules-from older rules still runs
    if veto and got is not None and got == rule and not any(s[0] < rule[1] and rule[0] < s[1] for s in tagged):
        return None
    return got


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.span_policy", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True)
    ap.add_argument("--spans", required=True)
    ap.add_argument("--snap", action="store_true")
    ap.add_argument("--rules-from", help="a checkout whose service.extract gives the rules' answer")
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.5, 0.7, 0.85])
    args = ap.parse_args(argv)
    if args.rules_from:
        if "service" in sys.modules:
            raise SystemExit("--rules-from must be applied before service is imported")
        sys.path.insert(0, str(Path(args.rules_from).resolve()))

    from service.extract import extract
    try:
        from service.extract import owed_with_model
    except ImportError:              # --rules-from rules older than the owed tag
        owed_with_model = None
    from service.extract.combine import FieldPolicy, best_span, snap
    from service.extract.contacts import find_contacts
    from service.extract.parties import find_orgs
    from service.normalise import normalise
    from training.finetune_spans import gold_rows

    gold = gold_rows(Path(args.gold))
    tagged = {}
    with open(args.spans, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            tagged[row["id"]] = row["spans"]
    counts: dict[tuple, list[int]] = {}
    owed: dict[tuple, list[int]] = {}          # (way, t) -> [right, stated, false totals]
    for g in gold:
        text = normalise(g["text"]).text
        found = extract(text)
        ents = found.to_dict()
        want_owed = g["entities"].get("owed_total")
        owed_spans = tagged.get(g["id"], {}).get("owed", [])
        for t in args.thresholds if owed_with_model is not None else ():
            for way in ("rules", "fill", "model-first"):
                got, _, _ = owed_with_model(found.amounts, found.owed_total, found.owed_total_derived, owed_spans,
                                            FieldPolicy(way, t))
                c = owed.setdefault((way, t), [0, 0, 0])
                if want_owed is None:
                    c[2] += got is not None
                else:
                    c[1] += 1
                    c[0] += got is not None and abs(got - want_owed) < 0.5
        blocked = [(c.start, c.end) for c in find_contacts(text)]
        rules = {f: (ents[f]["start"], ents[f]["end"]) if ents.get(f) else None for f in FIELDS}
        candidates = [(o.start, o.end) for o in find_orgs(text, blocked)] + [r for r in rules.values() if r]
        for f in FIELDS:
            want = (g["entities"][f]["start"], g["entities"][f]["end"]) if g["entities"].get(f) else None
            spans = tagged.get(g["id"], {}).get(f, [])
            for t in args.thresholds:
                model = best_span(text, spans, t)
                if args.snap:
                    model = snap(model, candidates)
                for way in WAYS:
                    got = combine(way, rules[f], model, spans)
                    c = counts.setdefault((f, way, t), [0, 0, 0])
                    if want and got == want:
                        c[0] += 1
                    else:
                        c[1] += got is not None
                        c[2] += want is not None
    print(f"{args.gold} ({len(gold)} rows), tagger spans {args.spans}{', snapped' if args.snap else ''}")
    print("| field | way | t | F1 | tp | fp | fn |\n|---|---|---|---|---|---|---|")
    for (f, way, t), (tp, fp, fn) in counts.items():
        if way.startswith("rules") and t != args.thresholds[0]:
            continue
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        print(f"| {f} | {way} | {'-' if way.startswith('rules') else t} | {f1:.3f} | {tp} | {fp} | {fn} |")
    if any(c[0] or c[2] for c in owed.values()):
        print("\n| owed_total | way | t | accuracy | right | stated | false totals |\n|---|---|---|---|---|---|---|")
        for (way, t), (right, stated, false) in owed.items():
            if way == "rules" and t != args.thresholds[0]:
                continue
            acc = right / stated if stated else 0.0
            print(f"| owed_total | {way} | {'-' if way == 'rules' else t} | {acc:.3f} | {right} | {stated} | {false} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
