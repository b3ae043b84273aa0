"""The span-tagger experiment of issue 4 (training.finetune_spans, training.span_policy) on a tiny
model: training moves the tag head, predictions are character spans inside the text, and the
policy table's `rules` row is exactly the extraction scorer's F1."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from test_export import build_tiny_model  # noqa: E402  (tests/ is on sys.path under pytest)

GOLD = Path(__file__).resolve().parents[1] / "corpora" / "gold" / "authored" / "dev-c.jsonl"


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    from training.finetune_spans import main

    tmp = tmp_path_factory.mktemp("spans")
    init = build_tiny_model(tmp / "init", steps=5)
    out = tmp / "out"
    assert main(["--init", str(init), "--out", str(out), "--train", str(GOLD), "--generated", "0",
                 "--epochs", "1", "--batch-size", "32", "--threads", "1", "--predict", str(GOLD)]) == 0
    return init, out


def test_training_moves_the_tag_head_only_through_the_tag_loss(tagged):
    from training.model import TriageModel

    from training.model import SPAN_TAGS, TAGS

    init, out = tagged
    before, after = TriageModel.load(init), TriageModel.load(out)
    assert before.tags == TAGS and after.tags == SPAN_TAGS          # the owed tag was added
    assert not torch.equal(before.tags_head.weight, after.tags_head.weight[:len(TAGS)])
    # the classification heads get no gradient from the tag loss
    assert torch.equal(before.types_head.weight, after.types_head.weight)
    assert json.loads((out / "metrics.json").read_text())["epoch"] == 1
    assert not (out / "checkpoint.pt").exists()


def test_predicted_spans_are_character_spans_of_each_text(tagged):
    from training.corpus_rows import read_jsonl

    _, out = tagged
    gold = read_jsonl(GOLD)
    pred = [json.loads(line) for line in (out / "spans-dev-c.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [p["id"] for p in pred] == [g["id"] for g in gold]
    for g, p in zip(gold, pred):
        for field, spans in p["spans"].items():
            assert field in ("employer", "contractor", "project", "location", "period", "amount", "owed")
            for s, e, prob in spans:
                assert 0 <= s < e <= len(g["text"]) and 0.0 <= prob <= 1.0


def test_the_rules_row_of_the_policy_table_is_the_scorers_f1(tagged, capsys):
    from service.extract import extract
    from service.extract.scoring import field_scores
    from service.normalise import normalise
    from training.finetune_spans import gold_rows
    from training.span_policy import main

    _, out = tagged
    assert main(["--gold", str(GOLD), "--spans", str(out / "spans-dev-c.jsonl"), "--snap"]) == 0
    table = capsys.readouterr().out
    rows = gold_rows(GOLD)
    want = field_scores(rows, [extract(normalise(r["text"]).text).to_dict() for r in rows])
    for field in ("employer", "contractor", "project"):
        line = next(ln for ln in table.splitlines() if ln.startswith(f"| {field} | rules |"))
        assert float(line.split("|")[4]) == pytest.approx(want[field]["f1"], abs=5e-4)
    owed = next(ln for ln in table.splitlines() if ln.startswith("| owed_total | rules |"))
    assert float(owed.split("|")[4]) == pytest.approx(want["owed_total"]["accuracy"], abs=5e-4)


def test_the_owed_tag_starts_as_the_amount_tag_and_marks_the_owed_total_as_written(tmp_path):
    from training.finetune import char_tags
    from training.model import AMOUNT_KIND_TAGS, SPAN_TAGS, TAGS, TriageModel

    model = TriageModel.load(build_tiny_model(tmp_path / "m", steps=1))
    old = model.tags_head.weight.detach().clone()
    model.extend_tags(SPAN_TAGS)
    w = model.tags_head.weight.detach()
    assert model.tags == SPAN_TAGS and torch.equal(w[:len(TAGS)], old)
    assert torch.equal(w[SPAN_TAGS.index("B-owed")], old[TAGS.index("B-amount")])
    assert torch.equal(w[SPAN_TAGS.index("I-owed")], old[TAGS.index("I-amount")])
    with pytest.raises(ValueError):
        model.extend_tags(["O", "B-owed", "I-owed"])
    row = {"text": "欠我8000元押金500元", "entities": {"amounts": [
        {"start": 2, "end": 7, "kind": "owed_total"}, {"start": 9, "end": 13, "kind": "other"}]}}
    tagged = char_tags(row, AMOUNT_KIND_TAGS)
    assert tagged[2:7] == ["B-owed"] + ["I-owed"] * 4
    assert tagged[9] == "B-amount" and char_tags(row)[2] == "B-amount"
