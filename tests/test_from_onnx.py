"""training.from_onnx: the served span tagger (int8 ONNX) read back into a trainable torch model
gives the served model's tags."""
from __future__ import annotations

from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("onnx")

ROOT = Path(__file__).resolve().parents[1]
TAGGER = ROOT / "service" / "models" / "span-tagger"
TEXTS = [
    "市民来电反映：其与14名工友在赣州市于都县锦江名苑三期工地干木工，包工头钟某拖欠工资约21万元。",
    "我在东莞长安镇的华兴电子厂上班，老板拖了两个月工资没发，一个月五千五。",
    "喂 你好 我想问下那个社保断缴了怎么补啊",
]


@pytest.mark.skipif(not (TAGGER / "model.json").is_file(), reason="no shipped span tagger")
def test_the_rebuilt_tagger_tags_as_the_served_one(tmp_path):
    from transformers import AutoTokenizer

    from service.classify import OnnxClassifier
    from training.export import load_model
    from training.from_onnx import rebuild
    from training.model import TriageModel

    out = rebuild(TAGGER, tmp_path / "rebuilt")
    assert TriageModel.load(out).tags == OnnxClassifier(TAGGER).tags
    model, tok = load_model(out), AutoTokenizer.from_pretrained(out)
    served = OnnxClassifier(TAGGER, threads=1).probabilities(TEXTS)
    agree = total = 0
    with torch.no_grad():
        for i, text in enumerate(TEXTS):
            enc = tok([text], return_tensors="pt", truncation=True, max_length=256)
            ids = model(enc["input_ids"], enc["attention_mask"])["tags"][0].argmax(-1).numpy()
            assert ids.shape == served["tag_ids"][i].shape       # the same tokens as the served tokenizer
            agree += int((ids == served["tag_ids"][i]).sum())
            total += len(ids)
            types = torch.sigmoid(model(enc["input_ids"], enc["attention_mask"])["types"])[0].numpy()
            assert abs(types - served["types_prob"][i]).max() < 0.05
    assert agree / total >= 0.98          # int8 activations in the served graph; weights are the same
