"""Masked-language-model pretraining: candidate (b) from scratch, or domain-adaptive MLM.

    # text: shared corpora + generated complaint-style text (never the gold sets)
    python -m training.pretrain prepare --out build/pretrain
    # (b): a compact BERT from scratch on that text, whole-word masking
    python -m training.pretrain train --data build/pretrain --out runs/pretrain-b --max-minutes 6
    # (a) + domain-adaptive MLM: the same command continued from a HF checkpoint
    python -m training.pretrain train --data build/pretrain --init build/e5-base --out runs/dapt-e5

Whole-word masking: `prepare` segments every chunk with jieba and stores the word
boundaries; `train` masks all tokens of a chosen word together (15% of words; 80% [MASK],
10% random, 10% kept). The learning rate follows the wall-clock budget (warm-up, then
linear decay to zero at --max-minutes) because the GPU is lent by the minute; `--resume`
continues from the last checkpoint in --out with the time already spent.

The compact size (4 layers, hidden 256, 4 heads, FFN 1024, ~5 M parameters with a
character vocabulary) is set by the CPU target: int8 ONNX on 2 cores must classify
>= 200 texts/s at batch 32; measured on random weights: 4x256 185/s, 4x384 94/s,
6x256 86/s, 12x384 (e5-small) 20/s.
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import lzma
import random
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

log = logging.getLogger("pretrain")
SEP = "\x1f"          # word separator in prepared chunks; normalise() never leaves control chars
CHUNK_CHARS = 250     # a chunk fills a 256-token sequence with a character vocabulary
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


# --------------------------------------------------------------------------- prepare
def _shared_texts(shared: Path):
    for name, field in (("laws.jsonl.gz", "text"), ("reviews.jsonl.gz", "text"),
                        ("msra_ner.jsonl.gz", "chars")):
        with gzip.open(shared / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                yield name, json.loads(line)[field]


def _generated_texts(seed: int, n: int):
    from training.corpus.compose import generate
    for row in generate(seed, n):
        yield "generated", row["text"]


def _chunks(texts, limit: int = CHUNK_CHARS):
    """Cut documents at sentence ends into chunks of at most `limit` characters; short
    documents of the same source (reviews, NER sentences) are joined to fill a chunk."""
    buf, buf_src = "", None
    for src, text in texts:
        text = " ".join(text.split())
        if buf and (src != buf_src or len(buf) + len(text) > limit):
            yield buf
            buf = ""
        buf_src = src
        while len(text) > limit:
            cut = max(text.rfind(p, 0, limit) for p in "。！？；\n")
            cut = cut + 1 if cut > limit // 3 else limit
            if buf:
                yield buf
                buf = ""
            yield text[:cut]
            text = text[cut:]
        buf += text
    if buf:
        yield buf


def _segment(chunk: str) -> str:
    import jieba
    from service.normalise import normalise
    return SEP.join(w for w in jieba.cut(normalise(chunk).text) if w)


def prepare(args) -> None:
    from multiprocessing import Pool

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sources = [_shared_texts(Path(args.shared))]
    if args.generated_n:
        sources.append(_generated_texts(args.generated_seed, args.generated_n))
    chunks = [c for s in sources for c in _chunks(s)]
    t0 = time.time()
    with Pool(args.workers) as pool:
        segmented = pool.map(_segment, chunks, chunksize=256)
    log.info("segmented %d chunks in %.0fs", len(segmented), time.time() - t0)
    chars: Counter = Counter()
    with gzip.open(out / "train.txt.gz", "wt", encoding="utf-8") as tr, \
            gzip.open(out / "heldout.txt.gz", "wt", encoding="utf-8") as ho:
        for seg in segmented:
            # 1% held out by content hash: stable whatever the order of the sources
            held = zlib.crc32(seg.encode("utf-8")) % 100 == 0
            (ho if held else tr).write(seg.replace("\n", " ") + "\n")
            if not held:
                chars.update(seg.replace(SEP, ""))
    build_char_tokenizer(chars, out / "tokenizer", min_count=args.min_count)
    (out / "prepare.json").write_text(json.dumps({**vars(args), "chunks": len(segmented),
                                                  "chars": sum(chars.values())}, indent=1))


def build_char_tokenizer(chars: Counter, out: Path, min_count: int = 3) -> None:
    """A BERT character vocabulary: every CJK character and symbol seen min_count times,
    ASCII letters and digits as pieces and as ## continuations (so numbers and Latin
    words never become [UNK])."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    ascii_ = [chr(c) for c in range(33, 127)]
    seen = sorted(ch for ch, n in chars.items() if n >= min_count and not ch.isspace()
                  and ch not in ascii_ and ch.lower() == ch)
    # symbols complaints use that the legal text rarely does (35℃ would be one [UNK] word)
    extra = list("℃‰×÷±≤≥￥")
    vocab = list(dict.fromkeys(SPECIALS + ascii_ + ["##" + c for c in ascii_ if c.isalnum()] + extra
                               + ["##" + c for c in extra] + seen))
    ids = {piece: i for i, piece in enumerate(vocab)}
    # Built with `tokenizers` directly: the same BERT pipeline (lower-case, CJK characters
    # split, WordPiece) whatever the transformers version on the machine.
    tok = Tokenizer(models.WordPiece(ids, unk_token="[UNK]", max_input_chars_per_word=100))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True, handle_chinese_chars=True, strip_accents=False)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", ids["[CLS]"]), ("[SEP]", ids["[SEP]"])])
    tok.decoder = decoders.WordPiece()
    out.mkdir(parents=True, exist_ok=True)
    (out / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tok = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", sep_token="[SEP]",
                                  pad_token="[PAD]", cls_token="[CLS]", mask_token="[MASK]")
    tok.save_pretrained(out)
    log.info("character vocabulary: %d entries", len(tok))


# --------------------------------------------------------------------------- train
def _read_chunks(path: Path, limit: int | None = None) -> list[list[str]]:
    if not path.exists() and path.with_suffix(".xz").exists():
        path = path.with_suffix(".xz")      # xz travels to the GPU machine in less space
    opener = lzma.open if path.suffix == ".xz" else gzip.open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [line.rstrip("\n").split(SEP) for line, _ in zip(fh, range(limit or 1 << 62))]


def encode_chunks(tokenizer, chunks: list[list[str]], max_length: int):
    """Token ids and a word-start flag per token (a token starts a word when its first
    character is the first character of a jieba word), padded to max_length."""
    import numpy as np

    texts = ["".join(words) for words in chunks]
    enc = tokenizer(texts, truncation=True, max_length=max_length, padding="max_length",
                    return_offsets_mapping=True, return_attention_mask=True)
    ids = np.asarray(enc["input_ids"], dtype=np.int32)
    starts = np.zeros_like(ids, dtype=bool)
    for i, (words, offsets) in enumerate(zip(chunks, enc["offset_mapping"])):
        bounds, pos = set(), 0
        for w in words:
            bounds.add(pos)
            pos += len(w)
        prev_end = -1
        for j, (s, e) in enumerate(offsets):
            if e > s:
                # a sentencepiece token may cover a word boundary: it starts a word then too
                starts[i, j] = s in bounds or any(b in bounds for b in range(max(s, prev_end), e))
                prev_end = e
    return ids, starts, np.asarray(enc["attention_mask"], dtype=bool)


def mask_words(ids, starts, valid, tok, prob: float, gen):
    """Whole-word masking on the device: one draw per word, shared by all its tokens."""
    import torch

    special = torch.zeros_like(valid)
    for sid in (tok.cls_token_id, tok.sep_token_id, tok.pad_token_id):
        special |= ids == sid
    word = torch.cumsum((starts & valid & ~special).long(), dim=1)          # 1-based word index
    draw = torch.rand(ids.shape[0], ids.shape[1] + 1, device=ids.device, generator=gen)
    chosen = (torch.gather(draw, 1, word) < prob) & valid & ~special & (word > 0)
    labels = torch.where(chosen, ids, torch.full_like(ids, -100))
    action = torch.rand(ids.shape, device=ids.device, generator=gen)
    inputs = ids.clone()
    inputs[chosen & (action < 0.8)] = tok.mask_token_id
    rand_pos = chosen & (action >= 0.8) & (action < 0.9)
    inputs[rand_pos] = torch.randint(len(SPECIALS), len(tok), (int(rand_pos.sum()),),
                                     device=ids.device, generator=gen)
    return inputs, labels


def _lr_at(frac: float, peak: float, warmup: float) -> float:
    return peak * (frac / warmup if frac < warmup else max(0.0, (1 - frac) / (1 - warmup)))


def evaluate_mlm(model, tok, ids, starts, valid, prob, device, batch_size=256) -> dict:
    import torch

    gen = torch.Generator(device=device).manual_seed(1234)    # the same masks every time
    model.eval()
    loss_sum = correct = count = 0.0
    with torch.no_grad(), torch.autocast(device_type=device.type, dtype=torch.bfloat16,
                                         enabled=device.type == "cuda"):
        for b in range(0, len(ids), batch_size):
            x, s, v = (t[b:b + batch_size].to(device) for t in (ids, starts, valid))
            inputs, labels = mask_words(x, s, v, tok, prob, gen)
            logits = model(input_ids=inputs, attention_mask=v.long()).logits.float()
            sel = labels != -100
            loss_sum += torch.nn.functional.cross_entropy(logits[sel], labels[sel], reduction="sum").item()
            correct += (logits[sel].argmax(-1) == labels[sel]).sum().item()
            count += sel.sum().item()
    model.train()
    return {"mlm_loss": loss_sum / max(count, 1), "mlm_accuracy": correct / max(count, 1),
            "masked_tokens": int(count)}


def train(args) -> None:
    import torch
    from transformers import AutoModelForMaskedLM, AutoTokenizer, BertConfig, BertForMaskedLM

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tok_dir = args.init or args.tokenizer or str(Path(args.data) / "tokenizer")
    tok = AutoTokenizer.from_pretrained(tok_dir)
    if args.init:
        model = AutoModelForMaskedLM.from_pretrained(args.init)
    else:
        model = BertForMaskedLM(BertConfig(
            vocab_size=len(tok), hidden_size=args.hidden, num_hidden_layers=args.layers,
            num_attention_heads=args.heads, intermediate_size=args.intermediate,
            max_position_embeddings=args.max_length, type_vocab_size=2, pad_token_id=tok.pad_token_id))
    model.to(device)
    t0 = time.time()
    train_ids, train_starts, train_valid = (torch.from_numpy(a) for a in encode_chunks(
        tok, _read_chunks(Path(args.data) / "train.txt.gz", args.limit), args.max_length))
    ho = encode_chunks(tok, _read_chunks(Path(args.data) / "heldout.txt.gz", args.heldout_limit), args.max_length)
    ho_ids, ho_starts, ho_valid = (torch.from_numpy(a) for a in ho)
    train_ids, ho_ids = train_ids.long(), ho_ids.long()
    log.info("encoded %d train / %d held-out sequences in %.0fs", len(train_ids), len(ho_ids), time.time() - t0)
    # Keep the whole encoded corpus on the GPU: batching is then an index, not a Python loop.
    train_ids, train_starts, train_valid = (t.to(device) for t in (train_ids, train_starts, train_valid))

    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01, betas=(0.9, 0.98))
    state = {"step": 0, "elapsed": 0.0, "epoch": 0}
    ckpt = out / "checkpoint.pt"
    if args.resume and ckpt.exists():
        saved = torch.load(ckpt, map_location=device, weights_only=False)
        model.load_state_dict(saved["model"])
        opt.load_state_dict(saved["optimizer"])
        state = saved["state"]
        log.info("resumed at step %d after %.0fs", state["step"], state["elapsed"])
    config = {**vars(args), "device": str(device), "parameters": sum(p.numel() for p in model.parameters()),
              "train_sequences": len(train_ids), "heldout_sequences": len(ho_ids)}
    log.info("config %s", json.dumps(config))
    (out / "config.json").write_text(json.dumps(config, indent=1))
    budget = args.max_minutes * 60
    gen = torch.Generator(device=device).manual_seed(args.seed + state["step"])
    logf = open(out / "log.jsonl", "a")
    model.train()
    t_start = time.time() - state["elapsed"]
    last_ckpt = time.time()
    n = len(train_ids)
    while True:
        perm = torch.randperm(n, device=device, generator=gen)
        for b in range(0, n - args.batch_size + 1, args.batch_size):
            elapsed = time.time() - t_start
            if elapsed >= budget or (args.max_steps and state["step"] >= args.max_steps):
                break
            lr = _lr_at(elapsed / budget, args.lr, args.warmup)
            for g in opt.param_groups:
                g["lr"] = lr
            idx = perm[b:b + args.batch_size]
            inputs, labels = mask_words(train_ids[idx], train_starts[idx], train_valid[idx], tok, args.mask_prob, gen)
            with torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
                loss = model(input_ids=inputs, attention_mask=train_valid[idx].long(), labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)
            state["step"] += 1
            if state["step"] % args.log_every == 0:
                rec = {"step": state["step"], "epoch": state["epoch"], "loss": round(loss.item(), 4),
                       "lr": lr, "elapsed": round(elapsed, 1),
                       "seq_per_s": round(state["step"] * args.batch_size / max(elapsed, 1e-6), 1)}
                logf.write(json.dumps(rec) + "\n")
                logf.flush()
                log.info("%s", rec)
            if time.time() - last_ckpt > args.checkpoint_every:
                state["elapsed"] = time.time() - t_start
                torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "state": state}, ckpt)
                last_ckpt = time.time()
        else:
            state["epoch"] += 1
            continue
        break
    state["elapsed"] = time.time() - t_start
    torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "state": state}, ckpt)
    metrics = {**evaluate_mlm(model, tok, ho_ids, ho_starts, ho_valid, args.mask_prob, device),
               "steps": state["step"], "epochs": state["epoch"], "minutes": round(state["elapsed"] / 60, 2)}
    log.info("held-out %s", metrics)
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1))
    model.save_pretrained(out / "encoder", max_shard_size="15MB")
    tok.save_pretrained(out / "encoder")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.pretrain", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare", help="segment the pretraining text and build the character vocabulary")
    p.add_argument("--out", default="build/pretrain")
    p.add_argument("--shared", default="../shared/corpora")
    p.add_argument("--generated-seed", type=int, default=7, help="not the fine-tuning seed")
    p.add_argument("--generated-n", type=int, default=60000)
    p.add_argument("--min-count", type=int, default=3)
    p.add_argument("--workers", type=int, default=2)
    t = sub.add_parser("train", help="MLM with whole-word masking, time-budgeted and resumable")
    t.add_argument("--data", default="build/pretrain")
    t.add_argument("--out", required=True)
    t.add_argument("--init", help="HF checkpoint to continue (domain-adaptive MLM); default: from scratch")
    t.add_argument("--tokenizer", help="default: the init checkpoint's, else DATA/tokenizer")
    t.add_argument("--layers", type=int, default=4)
    t.add_argument("--hidden", type=int, default=256)
    t.add_argument("--heads", type=int, default=4)
    t.add_argument("--intermediate", type=int, default=1024)
    t.add_argument("--max-length", type=int, default=256)
    t.add_argument("--batch-size", type=int, default=256)
    t.add_argument("--lr", type=float, default=1e-3)
    t.add_argument("--warmup", type=float, default=0.06, help="fraction of the time budget")
    t.add_argument("--mask-prob", type=float, default=0.15)
    t.add_argument("--max-minutes", type=float, default=6.0)
    t.add_argument("--max-steps", type=int, default=0)
    t.add_argument("--limit", type=int, default=0, help="read only this many training chunks (smoke runs)")
    t.add_argument("--heldout-limit", type=int, default=2000)
    t.add_argument("--checkpoint-every", type=float, default=120.0, help="seconds")
    t.add_argument("--log-every", type=int, default=50)
    t.add_argument("--seed", type=int, default=20261122)
    t.add_argument("--resume", action="store_true")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stdout)
    {"prepare": prepare, "train": train}[args.cmd](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
