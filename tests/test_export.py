"""ONNX export and serving (issue 7): a tiny TriageModel, trained for a few steps so that its
heads make real decisions, is exported by `training.export`; the int8 ONNX model served by
`OnnxClassifier` must agree with the PyTorch fp32 model, and serve any batch in order.

Tolerance: dynamic int8 quantisation rounds each weight to 1/63 (7-bit) or 1/127 of its
row's (or tensor's) range and each activation to 1/255 of the batch's range; through two
layers and a softmax that moves probabilities by well under 0.02 (measured: at most 0.0044
with the variant the export picks), while a real bug (wrong pooling, padding leaking into
the mean, outputs in the wrong order, or 8-bit weights saturating u8 x s8 products on an
AVX2-only CPU: 0.1 on gold dev) moves them by 0.1 or more. Decisions (argmax of primary and
intent) must be identical.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("onnxruntime")
pytest.importorskip("onnx")

ROOT = Path(__file__).resolve().parents[1]

# (text, types, primary, intent, {field: substring}) - the tiny model's whole training set
TRAIN = [
    ("包工头张某拖欠我们三个月工资", ["wage_arrears"], "wage_arrears", "complaint",
     {"contractor": "包工头张某", "period": "三个月"}),
    ("恒泰建筑公司欠薪两万元", ["wage_arrears"], "wage_arrears", "complaint",
     {"employer": "恒泰建筑公司", "amount": "两万元"}),
    ("公司不给交社保", ["social_insurance"], "social_insurance", "complaint", {}),
    ("请问社保断缴了怎么办", ["social_security_service"], "social_security_service", "inquiry", {}),
    ("高温天气没有高温津贴", ["heat_allowance"], "heat_allowance", "complaint", {}),
    ("在合肥市蜀山区的工地干活受伤了", ["work_injury"], "work_injury", "help",
     {"location": "合肥市蜀山区"}),
    ("楼下烧烤店太吵了", ["other"], "other", "complaint", {}),
    ("老板每天让我们加班到半夜", ["overtime"], "overtime", "complaint", {}),
]
EXTRA_CHARS = "0123456789请问我的工资被扣了万元年月日，。！？"


def build_tiny_model(out: Path, steps: int = 80, seed: int = 0) -> Path:
    """A 2-layer, 64-wide BERT with a character vocabulary, trained briefly on TRAIN, saved
    the way training saves a fine-tuned model (TriageModel.save + the fast tokenizer)."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    from service.labels import get_labels
    from training.model import TAGS, TriageModel

    out.mkdir(parents=True, exist_ok=True)
    chars = sorted({c for t, *_ in TRAIN for c in t} | set(EXTRA_CHARS))
    (out / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]) + "\n",
                                   encoding="utf-8")
    tok = BertTokenizerFast(vocab=str(out / "vocab.txt"))   # transformers 5: `vocab` (path or dict)
    torch.manual_seed(seed)
    cfg = BertConfig(vocab_size=tok.vocab_size, hidden_size=64, num_hidden_layers=2, num_attention_heads=4,
                     intermediate_size=128, max_position_embeddings=512)
    labels = get_labels()
    types, intents = labels.type_codes, list(labels.intents)
    model = TriageModel(BertModel(cfg, add_pooling_layer=False), types, intents)

    enc = tok([t for t, *_ in TRAIN], padding=True, return_offsets_mapping=True, return_tensors="pt")
    y_types = torch.tensor([[float(c in r[1]) for c in types] for r in TRAIN])
    y_primary = torch.tensor([types.index(r[2]) for r in TRAIN])
    y_intent = torch.tensor([intents.index(r[3]) for r in TRAIN])
    y_tags = torch.full(enc["input_ids"].shape, -100, dtype=torch.long)
    for i, (text, *_, spans) in enumerate(TRAIN):
        char_tag = ["O"] * len(text)
        for f, sub in spans.items():
            s = text.index(sub)
            char_tag[s] = f"B-{f}"
            for k in range(s + 1, s + len(sub)):
                char_tag[k] = f"I-{f}"
        for j, (s, e) in enumerate(enc["offset_mapping"][i].tolist()):
            if e > s:
                y_tags[i, j] = TAGS.index(char_tag[s])
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3)
    bce, ce = torch.nn.BCEWithLogitsLoss(), torch.nn.CrossEntropyLoss(ignore_index=-100)
    model.train()
    threads = torch.get_num_threads()
    torch.set_num_threads(1)          # tiny matrices: threads only add overhead
    try:
        for _ in range(steps):
            o = model(enc["input_ids"], enc["attention_mask"])
            loss = (bce(o["types"], y_types) + ce(o["primary"], y_primary) + ce(o["intent"], y_intent)
                    + ce(o["tags"].reshape(-1, len(TAGS)), y_tags.reshape(-1)))
            opt.zero_grad()
            loss.backward()
            opt.step()
    finally:
        torch.set_num_threads(threads)
    model.eval()
    model.save(out, tokenizer=tok, extra_meta={"trained_on": {"file": "tests/test_export.py", "rows": len(TRAIN)}})
    return out


PARITY_TEXTS = [t for t, *_ in TRAIN] + ["请问我的工资被扣了怎么办", "老板欠我两万元", "天气太热了"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("export")
    src = build_tiny_model(tmp / "ft")
    dev = tmp / "dev.jsonl"
    dev.write_text("".join(json.dumps({"text": t, "types": ty, "primary": p, "intent": it}, ensure_ascii=False) + "\n"
                           for t, ty, p, it, _ in TRAIN), encoding="utf-8")
    out = tmp / "served" / "tiny-bert"
    r = subprocess.run([sys.executable, "-m", "training.export", "--model", str(src), "--out", str(out),
                        "--dev", str(dev), "--version", "test"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    return src, out


def _torch_probs(src: Path, texts: list[str]) -> dict:
    from training.export import load_fast_tokenizer, load_model, torch_scores

    return torch_scores(load_model(src), load_fast_tokenizer(src), texts, 256)


def test_export_writes_only_the_serving_files(exported):
    _, out = exported
    assert sorted(p.name for p in out.iterdir()) == ["model.int8.onnx", "model.json", "tokenizer.json"]
    meta = json.loads((out / "model.json").read_text(encoding="utf-8"))
    assert meta["kind"] == "onnx" and meta["file"] == "model.int8.onnx" and meta["tokenizer"] == "tokenizer.json"
    assert meta["max_length"] == 256 and meta["exclusive"] == ["other"]
    assert set(meta["thresholds"]) == set(meta["types"]) and meta["tuned_on"].endswith("dev.jsonl")
    assert meta["quantization"]["weight_type"] == "QInt8" and meta["quantization"]["variant"]
    assert meta["tags"][0] == "O" and "B-employer" in meta["tags"]


def test_int8_onnx_matches_pytorch_fp32(exported):
    from service.classify import OnnxClassifier

    src, out = exported
    ref = _torch_probs(src, PARITY_TEXTS)
    clf = OnnxClassifier(out)
    for batch in (1, 32):
        clf.batch_size = batch
        got = clf.probabilities(PARITY_TEXTS)
        for k in ("types_prob", "primary_prob", "intent_prob"):
            diff = float(np.abs(ref[k] - got[k]).max())
            assert diff <= 0.02, (k, batch, diff)
        assert (ref["primary_prob"].argmax(1) == got["primary_prob"].argmax(1)).all()
        assert (ref["intent_prob"].argmax(1) == got["intent_prob"].argmax(1)).all()
    # the tiny model learned its training set, so the decisions are real ones
    cls = clf.classify([t for t, *_ in TRAIN])
    assert [c.primary for c in cls] == [r[2] for r in TRAIN]


def test_onnx_classifier_serves_batches_in_order(exported):
    from service.classify import Classification, Scores, load_classifier

    _, out = exported
    clf = load_classifier(out)
    assert type(clf).__name__ == "OnnxClassifier" and clf.name == "tiny-bert" and clf.version == "test"
    long_text = ("包工头张某拖欠我们三个月工资，" * 30)[:300]
    texts = ["", " ", "？", long_text, "公司不给交社保", "x" * 5, "高温天气没有高温津贴", "𠀀未知字符"]
    clf.batch_size = 3               # several batches, each sorted by length
    scores = clf.score(texts)
    classes = clf.classify(texts)
    assert len(scores) == len(classes) == len(texts)
    assert all(isinstance(s, Scores) for s in scores) and all(isinstance(c, Classification) for c in classes)
    singles = [clf.score([t])[0] for t in texts]
    for s, one in zip(scores, singles):
        assert set(s.types) == set(clf.type_codes) and set(s.intent) == set(clf.intent_codes)
        assert abs(sum(s.primary.values()) - 1) < 1e-3
        # same text alone or in a batch: same answer (int8 activations are scaled per batch: small noise)
        assert max(abs(s.primary[c] - one.primary[c]) for c in s.primary) < 0.02
    assert classes[4].primary == "social_insurance" and classes[6].primary == "heat_allowance"
    assert classes[3].primary == "wage_arrears"


def test_a_text_scores_the_same_alone_or_among_others(exported):
    """The int8 graph scales its activations over the whole input tensor: scored in one batch, a text's
    scores move with its neighbours'. By default each text is scored alone, so the API (one text) and a
    batch run give the same answer to the bit."""
    from service.classify import load_classifier

    _, out = exported
    clf = load_classifier(out)
    texts = ["公司不给交社保", "包工头张某拖欠我们三个月工资，一共四万二", "高温天气没有高温津贴", "老板欠我工资"]
    together = clf.probabilities(texts)
    for i, t in enumerate(texts):
        alone = clf.probabilities([t])
        for k in ("types_prob", "primary_prob", "intent_prob"):
            assert np.array_equal(together[k][i], alone[k][0]), (t, k)
        assert np.array_equal(together["tag_prob"][i], alone["tag_prob"][0])
    clf.batch_size = 4               # batched: the neighbours do move it (why batching is not the default)
    batched = clf.probabilities(texts)
    assert any(not np.array_equal(batched["types_prob"][i], clf.probabilities([t])["types_prob"][0])
               for i, t in enumerate(texts))
    assert clf.score([]) == []


def test_model_spans_come_from_the_same_pass(exported):
    from service.classify import load_classifier

    _, out = exported
    clf = load_classifier(out)
    text = "包工头张某拖欠我们三个月工资"
    s = clf.score([text])[0]
    got = {f: [text[a:b] for a, b, _ in v] for f, v in s.spans.items()}
    assert all(0.0 <= p <= 1.0 for v in s.spans.values() for _, _, p in v)
    assert got.get("contractor") == ["包工头张某"], got
    assert got.get("period") == ["三个月"], got
    c = clf.classify([text])[0]
    assert c.spans == s.spans
    long_text = "楼下" * 200 + text          # past max_length: truncated, no span beyond the tokens seen
    sp = clf.score([long_text])[0].spans
    assert all(e <= 254 + 2 for v in sp.values() for _, e, _ in v)


def test_pipeline_marks_model_and_rule_spans(exported):
    from service.classify import load_classifier
    from service.pipeline import Pipeline

    _, out = exported
    p = Pipeline(classifier=load_classifier(out))
    r = p.triage("在合肥市蜀山区的工地干活受伤了").model_dump()
    assert r["model"]["name"] == "tiny-bert"
    assert r["entities"]["location"]["source"] == "rule"       # the rules find it: the rule span stands
    r = p.triage("包工头张某拖欠我们三个月工资").model_dump()
    assert r["entities"]["contractor"]["text"] == "包工头张某"
    assert r["entities"]["contractor"]["source"] in ("rule", "model")
    assert r["entities"]["period"]["source"] in ("rule", "model")


def test_service_never_imports_torch_or_transformers(exported):
    _, out = exported
    code = ("import sys; from service.classify import load_classifier; from service.pipeline import Pipeline; "
            f"p = Pipeline(classifier=load_classifier({str(out)!r})); p.triage('老板欠我两万元'); "
            "import service.api, service.cli; "
            "bad = [m for m in ('torch', 'transformers') if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr[-2000:]
