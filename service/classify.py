"""Classification stage: violation types (multi-label), primary type and intent.

Every model sits behind `Classifier`: it scores texts; `decide` turns scores into the
answer with the per-label thresholds that ship with the model, so a statistical model
and any later one share the same decision rules. A model lives in a directory whose
`model.json` says its kind; `load_classifier` dispatches on it.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from service.extract.combine import parse_policy

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "models" / "tfidf-baseline"
# The span tagger extraction runs beside any classifier (TRIAGE_SPAN_TAGGER_DIR; "none" turns it off).
DEFAULT_SPAN_TAGGER_DIR = Path(__file__).resolve().parent / "models" / "span-tagger"
SPAN_TAGGER_ENV = "TRIAGE_SPAN_TAGGER_DIR"


@dataclass(frozen=True)
class Scores:
    """Raw model output for one text; every dict covers every code of its kind."""
    types: dict[str, float]
    primary: dict[str, float]
    intent: dict[str, float]
    # Token-level spans from the same forward pass (models with a tagging head):
    # field -> [(start, end, confidence)]: character offsets into the scored (normalised) text and
    # the mean probability of the tags chosen for its tokens (`span_confidence`).
    spans: dict[str, list[tuple[int, int, float]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Classification:
    types: list[tuple[str, float]]       # passing types, best first; never empty
    primary: str
    intent: tuple[str, float]
    needs_review: bool
    review_reason: str | None = None
    all_scores: dict[str, float] = field(default_factory=dict)
    spans: dict[str, list[tuple[int, int, float]]] = field(default_factory=dict)   # model spans, see Scores


class Classifier(Protocol):
    name: str
    version: str

    def score(self, texts: Sequence[str]) -> list[Scores]:
        """Scores for a batch of normalised texts."""
        ...

    def classify(self, texts: Sequence[str]) -> list[Classification]:
        ...


@dataclass(frozen=True)
class DecisionRules:
    thresholds: dict[str, float]          # per type; default 0.5
    review_margin: float = 0.15           # primary top-two closer than this -> needs_review
    exclusive: frozenset[str] = frozenset({"other"})

    @classmethod
    def from_meta(cls, meta: dict) -> "DecisionRules":
        return cls(thresholds=dict(meta.get("thresholds", {})),
                   review_margin=float(meta.get("review_margin", 0.15)),
                   exclusive=frozenset(meta.get("exclusive", ["other"])))


def decide(scores: Scores, rules: DecisionRules) -> Classification:
    """Scores -> types, primary, intent and needs_review, the same for every model."""
    passing = {c: s for c, s in scores.types.items() if s >= rules.thresholds.get(c, 0.5)}
    ranked_primary = sorted(scores.primary.items(), key=lambda kv: -kv[1])
    primary, p1 = ranked_primary[0]
    p2 = ranked_primary[1][1] if len(ranked_primary) > 1 else 0.0
    reason = None
    if not passing:
        reason = "no type passed its threshold"
    elif p1 - p2 < rules.review_margin:
        reason = f"top two primary candidates are close ({p1:.2f} vs {p2:.2f})"
    # The primary head decides the main type; the multi-label head adds the others.
    passing.setdefault(primary, scores.types.get(primary, p1))
    if primary in rules.exclusive:
        passing = {primary: passing[primary]}
    else:
        passing = {c: s for c, s in passing.items() if c not in rules.exclusive}
    types = sorted(passing.items(), key=lambda kv: (kv[0] != primary, -kv[1]))
    intent = max(scores.intent.items(), key=lambda kv: kv[1])
    return Classification(types=types, primary=primary, intent=intent,
                          needs_review=reason is not None, review_reason=reason,
                          all_scores=dict(scores.types), spans=dict(scores.spans))


class TfidfClassifier:
    """Character n-gram TF-IDF + linear models: the baseline every model is compared with."""

    kind = "tfidf"

    def __init__(self, model_dir: Path):
        import joblib  # deferred: only this model kind needs it

        self.model_dir = Path(model_dir)
        self.meta = json.loads((self.model_dir / "model.json").read_text(encoding="utf-8"))
        bundle = joblib.load(self.model_dir / self.meta["file"])
        self.vectorizer = bundle["vectorizer"]
        self.types_model = bundle["types"]          # one-vs-rest, predict_proba per type
        self.primary_model = bundle["primary"]      # multinomial
        self.intent_model = bundle["intent"]        # multinomial
        self.type_codes: list[str] = bundle["type_codes"]
        self.rules = DecisionRules.from_meta(self.meta)
        self.name = self.meta["name"]
        self.version = self.meta["version"]

    def score(self, texts: Sequence[str]) -> list[Scores]:
        X = self.vectorizer.transform(list(texts))
        tp = self.types_model.predict_proba(X)
        pp = self.primary_model.predict_proba(X)
        ip = self.intent_model.predict_proba(X)
        pc, ic = list(self.primary_model.classes_), list(self.intent_model.classes_)
        out = []
        for i in range(len(texts)):
            prim = dict.fromkeys(self.type_codes, 0.0)
            prim.update({c: float(v) for c, v in zip(pc, pp[i])})
            out.append(Scores(types={c: float(v) for c, v in zip(self.type_codes, tp[i])},
                              primary=prim,
                              intent={c: float(v) for c, v in zip(ic, ip[i])}))
        return out

    def classify(self, texts: Sequence[str]) -> list[Classification]:
        return [decide(s, self.rules) for s in self.score(texts)]


ONNX_THREADS_ENV = "TRIAGE_ONNX_THREADS"


def span_confidence(tag_prob: Sequence[float], offsets: Sequence[tuple[int, int]], start: int, end: int) -> float:
    """Mean probability of the chosen tags over the tokens inside [start, end) (0.0 if none)."""
    inside = [p for p, (ts, te) in zip(tag_prob, offsets) if te > ts and start <= ts and te <= end]
    return round(float(sum(inside) / len(inside)), 4) if inside else 0.0


def decode_bio(tag_ids: Sequence[int], tags: Sequence[str], offsets: Sequence[tuple[int, int]],
               special: Sequence[int]) -> dict[str, list[tuple[int, int]]]:
    """BIO tag ids per token -> {field: [(start, end)]} character spans, via the tokenizer offsets.

    A span opens at B-f (or at an I-f that does not continue an open f span) and grows over the
    following I-f tokens; special tokens, O and any other tag close it."""
    out: dict[str, list[tuple[int, int]]] = {}
    cur: list | None = None           # [field, start, end]

    def close() -> None:
        nonlocal cur
        if cur is not None and cur[2] > cur[1]:
            out.setdefault(cur[0], []).append((cur[1], cur[2]))
        cur = None

    for tid, (s, e), sp in zip(tag_ids, offsets, special):
        tag = tags[int(tid)] if 0 <= int(tid) < len(tags) else "O"
        if sp or tag == "O" or "-" not in tag:
            close()
            continue
        if e <= s:                    # a tagged token without characters: neither opens nor closes
            continue
        prefix, fieldname = tag.split("-", 1)
        if prefix == "B" or cur is None or cur[0] != fieldname:
            close()
            cur = [fieldname, s, e]
        else:
            cur[2] = e
    close()
    return out


class OnnxClassifier:
    """A fine-tuned transformer exported by `training.export`: ONNX Runtime (int8) + a `tokenizers`
    fast tokenizer. Needs onnxruntime, tokenizers and numpy only (no torch, no transformers).

    One forward pass gives types (sigmoid), primary and intent (softmax) and per-token BIO tags,
    decoded to character spans (`Scores.spans`). Each text is scored alone by default: the int8 graph
    quantises its activations with one scale per input tensor (DynamicQuantizeLinear), so in a batch a
    text's scores would move with the texts beside it, and the API (one text) and a batch run could
    disagree. Alone costs nothing on a CPU (no padding; bench/results/batch_throughput.md). A
    `batch_size` in model.json (or the argument) scores batches of similar length instead (sorted
    internally, results in input order, each padded to its longest member).
    Threads: TRIAGE_ONNX_THREADS, else `intra_op_threads` in model.json, else os.cpu_count()
    (with several worker processes on one machine, set TRIAGE_ONNX_THREADS to cores / workers).
    """

    kind = "onnx"

    def __init__(self, model_dir: Path, threads: int | None = None, batch_size: int | None = None):
        import onnxruntime as ort          # deferred: only this model kind needs them
        from tokenizers import Tokenizer

        self.model_dir = Path(model_dir)
        self.meta = json.loads((self.model_dir / "model.json").read_text(encoding="utf-8"))
        self.name = self.meta["name"]
        self.version = self.meta["version"]
        self.rules = DecisionRules.from_meta(self.meta)
        self.type_codes: list[str] = list(self.meta["types"])
        self.intent_codes: list[str] = list(self.meta["intents"])
        self.tags: list[str] = list(self.meta.get("tags", ["O"]))
        self.max_length = int(self.meta.get("max_length", 256))
        # how extraction combines this model's tag spans with its rules (service.extract.combine)
        self.span_policy = parse_policy(self.meta.get("span_policy"))
        self.batch_size = int(batch_size or self.meta.get("batch_size", 1))

        self.tokenizer = Tokenizer.from_file(str(self.model_dir / self.meta.get("tokenizer", "tokenizer.json")))
        self.tokenizer.no_padding()                     # padded here, per batch, to its longest member
        self.tokenizer.enable_truncation(self.max_length)
        pad = self.meta.get("pad_id")
        pad = self.tokenizer.token_to_id("[PAD]") if pad is None else pad
        self.pad_id = int(pad or 0)                     # masked out anyway; the id only has to exist

        threads = int(threads or os.environ.get(ONNX_THREADS_ENV) or self.meta.get("intra_op_threads") or 0) \
            or os.cpu_count() or 1
        so = ort.SessionOptions()
        so.intra_op_num_threads = threads
        so.inter_op_num_threads = 1                     # one graph, run sequentially: no second pool
        so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        so.enable_mem_pattern = False                   # shapes change with every batch
        # idle pool threads must not spin: the rest of the pipeline (extraction, HTTP) shares the cores
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.threads = threads
        self.session = ort.InferenceSession(str(self.model_dir / self.meta["file"]), so,
                                            providers=["CPUExecutionProvider"])
        self._outputs = [o.name for o in self.session.get_outputs()]

    # -- the forward pass ------------------------------------------------------------
    def _run(self, encs: list) -> dict[str, np.ndarray]:
        width = max(len(e.ids) for e in encs)
        ids = np.full((len(encs), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(encs), width), dtype=np.int64)
        for i, e in enumerate(encs):
            ids[i, :len(e.ids)] = e.ids
            mask[i, :len(e.ids)] = 1
        res = self.session.run(self._outputs, {"input_ids": ids, "attention_mask": mask})
        return dict(zip(self._outputs, res))

    def probabilities(self, texts: Sequence[str]) -> dict:
        """Raw outputs in input order: types_prob, primary_prob, intent_prob (n x k arrays),
        tag_ids and tag_prob (per-token arrays: the chosen tag and its probability) and the encodings."""
        texts = list(texts)
        n = len(texts)
        encs = self.tokenizer.encode_batch(texts, add_special_tokens=True) if n else []
        order = sorted(range(n), key=lambda i: len(encs[i].ids))
        out = {"types_prob": np.zeros((n, len(self.type_codes)), np.float32),
               "primary_prob": np.zeros((n, len(self.type_codes)), np.float32),
               "intent_prob": np.zeros((n, len(self.intent_codes)), np.float32)}
        tag_ids: list = [None] * n
        tag_prob: list = [None] * n
        for b in range(0, n, self.batch_size):
            idx = order[b:b + self.batch_size]
            res = self._run([encs[i] for i in idx])
            for k in out:
                out[k][idx] = res[k]
            tags = res.get("tags_prob")
            for row, i in enumerate(idx):
                probs = tags[row, :len(encs[i].ids)] if tags is not None else np.ones((len(encs[i].ids), 1), np.float32)
                tag_ids[i] = probs.argmax(-1)
                tag_prob[i] = probs.max(-1)
        out["tag_ids"] = tag_ids
        out["tag_prob"] = tag_prob
        out["encodings"] = encs
        return out

    def score(self, texts: Sequence[str]) -> list[Scores]:
        p = self.probabilities(texts)
        result = []
        for i, enc in enumerate(p["encodings"]):
            spans = {f: [(s, e, span_confidence(p["tag_prob"][i], enc.offsets, s, e)) for s, e in pairs]
                     for f, pairs in decode_bio(p["tag_ids"][i], self.tags, enc.offsets, enc.special_tokens_mask).items()}
            result.append(Scores(
                types={c: float(v) for c, v in zip(self.type_codes, p["types_prob"][i])},
                primary={c: float(v) for c, v in zip(self.type_codes, p["primary_prob"][i])},
                intent={c: float(v) for c, v in zip(self.intent_codes, p["intent_prob"][i])},
                spans=spans))
        return result

    def classify(self, texts: Sequence[str]) -> list[Classification]:
        return [decide(s, self.rules) for s in self.score(texts)]


MODEL_KINDS = {"tfidf": TfidfClassifier, "onnx": OnnxClassifier}


def load_classifier(model_dir: Path | str | None = None) -> Classifier:
    """Load the model in `model_dir` (default: TRIAGE_MODEL_DIR, else the shipped model)."""
    model_dir = Path(model_dir or os.environ.get("TRIAGE_MODEL_DIR") or DEFAULT_MODEL_DIR)
    meta_path = model_dir / "model.json"
    if not meta_path.is_file():
        raise FileNotFoundError(f"{model_dir}: no model.json; not a triage model directory")
    kind = json.loads(meta_path.read_text(encoding="utf-8")).get("kind")
    if kind not in MODEL_KINDS:
        raise ValueError(f"{meta_path}: unknown model kind {kind!r}; known: {sorted(MODEL_KINDS)}")
    return MODEL_KINDS[kind](model_dir)


def load_span_tagger(model_dir: Path | str | None = None) -> "OnnxClassifier | None":
    """The span tagger in `model_dir` (default: TRIAGE_SPAN_TAGGER_DIR, else the shipped one); None
    where it is turned off ("none") or the default is not installed. A tagger is an exported triage
    model whose tag spans (and `span_policy`) extraction uses; its other heads are not read."""
    chosen = model_dir if model_dir is not None else os.environ.get(SPAN_TAGGER_ENV)
    if chosen is not None and str(chosen).strip().lower() in ("", "none", "off"):
        return None
    path = Path(chosen) if chosen else DEFAULT_SPAN_TAGGER_DIR
    if chosen is None and not (path / "model.json").is_file():
        return None
    return _load_tagger_cached(str(path.resolve()))


@lru_cache(maxsize=4)
def _load_tagger_cached(path: str) -> "OnnxClassifier":
    # one ONNX session per folder and process: pipelines are built per request handler and per test
    tagger = load_classifier(path)
    if not isinstance(tagger, OnnxClassifier):
        raise ValueError(f"{path}: a span tagger must be an exported (onnx) model with a tag head")
    return tagger


def tune_thresholds(y_true: np.ndarray, y_score: np.ndarray, codes: Sequence[str],
                    grid: Sequence[float] = tuple(np.arange(0.1, 0.91, 0.05))) -> dict[str, float]:
    """Per-label threshold maximising F1 on a tuning set (labels absent from it keep 0.5)."""
    out = {}
    for j, code in enumerate(codes):
        if y_true[:, j].sum() == 0:
            out[code] = 0.5
            continue
        best, best_f1 = 0.5, -1.0
        for t in grid:
            pred = y_score[:, j] >= t
            tp = float((pred & (y_true[:, j] == 1)).sum())
            f1 = 2 * tp / (pred.sum() + y_true[:, j].sum()) if tp else 0.0
            if f1 > best_f1 + 1e-9:
                best, best_f1 = float(round(t, 2)), f1
        out[code] = best
    return out
