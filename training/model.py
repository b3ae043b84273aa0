"""The triage network: one encoder, three heads, one forward pass.

- `types`: multi-label violation types (sigmoid per type), from the mean-pooled encoder
  output (e5 has no trained pooler; mean pooling works for every BERT-family encoder);
- `primary` and `intent`: softmax heads on the same pooled vector;
- `tags`: BIO token classification over the span fields of taxonomy.md.

A fine-tuned model is a folder: the encoder's standard HuggingFace `config.json`,
`heads.json` (label lists and head sizes), `model*.safetensors` (encoder and heads,
sharded under 16 MB) and the tokenizer files. `TriageModel.from_encoder` starts from any
HuggingFace BERT-family checkpoint directory (ours, e5 converted by `training.base`,
bert-base-chinese, chinese-roberta-wwm-ext).
"""
from __future__ import annotations

import json
from pathlib import Path

import torch
from torch import nn

# Span fields the token head tags, in BIO; `amount` and `period` come from the same head.
TAG_FIELDS = ("employer", "contractor", "project", "location", "period", "amount")
TAGS = ["O"] + [f"{p}-{f}" for f in TAG_FIELDS for p in ("B", "I")]
# The span tagger also tells the amount written as the owed total (kind owed_total) from the others:
# `owed` takes the place of `amount` on it. (A tag for sums per worker, kind per_person, was tried and
# added nothing: bench/results/span_tagger.md.)
AMOUNT_KIND_TAGS = {"owed_total": "owed"}
SPAN_TAGS = TAGS + [f"{p}-{f}" for f in AMOUNT_KIND_TAGS.values() for p in ("B", "I")]


def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)


class TriageModel(nn.Module):
    def __init__(self, encoder: nn.Module, types: list[str], intents: list[str],
                 tags: list[str] = TAGS, dropout: float = 0.1):
        super().__init__()
        self.encoder = encoder
        self.types, self.intents, self.tags = list(types), list(intents), list(tags)
        width = encoder.config.hidden_size
        self.dropout = nn.Dropout(dropout)
        self.types_head = nn.Linear(width, len(self.types))
        self.primary_head = nn.Linear(width, len(self.types))
        self.intent_head = nn.Linear(width, len(self.intents))
        self.tags_head = nn.Linear(width, len(self.tags))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
        pooled = self.dropout(mean_pool(hidden, attention_mask))
        return {
            "types": self.types_head(pooled),
            "primary": self.primary_head(pooled),
            "intent": self.intent_head(pooled),
            "tags": self.tags_head(self.dropout(hidden)),
        }

    def extend_tags(self, tags: list[str]) -> None:
        """Grow the tag head to `tags` (the old tags first, in order): the old rows are kept and
        each new row starts as the row of the tag it refines (B-owed from B-amount)."""
        if tags[:len(self.tags)] != self.tags:
            raise ValueError(f"tag head {self.tags} is not a prefix of {tags}")
        old = self.tags_head
        new = nn.Linear(old.in_features, len(tags))
        with torch.no_grad():
            new.weight[:len(self.tags)] = old.weight
            new.bias[:len(self.tags)] = old.bias
            for i, tag in enumerate(tags[len(self.tags):], len(self.tags)):
                src = self.tags.index(tag[:2] + "amount")
                new.weight[i] = old.weight[src]
                new.bias[i] = old.bias[src]
        self.tags_head, self.tags = new, list(tags)

    # -- persistence ---------------------------------------------------------------
    def heads_meta(self) -> dict:
        return {"types": self.types, "intents": self.intents, "tags": self.tags}

    def save(self, out_dir: Path, tokenizer=None, extra_meta: dict | None = None) -> None:
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        self.encoder.config.save_pretrained(out_dir)
        (out_dir / "heads.json").write_text(
            json.dumps({**self.heads_meta(), **(extra_meta or {})}, ensure_ascii=False, indent=1),
            encoding="utf-8")
        save_sharded(self.state_dict(), out_dir)
        if tokenizer is not None:
            tokenizer.save_pretrained(out_dir)

    @classmethod
    def load(cls, model_dir: Path) -> "TriageModel":
        from transformers import AutoConfig, AutoModel

        model_dir = Path(model_dir)
        meta = json.loads((model_dir / "heads.json").read_text(encoding="utf-8"))
        encoder = AutoModel.from_config(AutoConfig.from_pretrained(model_dir), add_pooling_layer=False)
        model = cls(encoder, meta["types"], meta["intents"], meta["tags"])
        model.load_state_dict(load_sharded(model_dir), strict=True)
        return model

    @classmethod
    def from_encoder(cls, encoder_dir: Path | str, types: list[str], intents: list[str],
                     random_init: bool = False) -> "TriageModel":
        """Start from a HuggingFace checkpoint directory; `random_init` keeps only its shape."""
        from transformers import AutoConfig, AutoModel

        if random_init:
            encoder = AutoModel.from_config(AutoConfig.from_pretrained(encoder_dir), add_pooling_layer=False)
        else:
            encoder = AutoModel.from_pretrained(encoder_dir, add_pooling_layer=False)
        return cls(encoder, types, intents)


def save_sharded(state: dict, out_dir: Path, max_shard_bytes: int = 15_000_000) -> None:
    """safetensors shards under 16 MB each: the device tool brings files back only that size."""
    from safetensors.torch import save_file

    out_dir = Path(out_dir)
    for old in out_dir.glob("model*.safetensors"):
        old.unlink()
    shards: list[dict] = [{}]
    size = 0
    for name, t in state.items():
        t = t.detach().contiguous().cpu()
        nbytes = t.numel() * t.element_size()
        if shards[-1] and size + nbytes > max_shard_bytes:
            shards.append({})
            size = 0
        if nbytes > max_shard_bytes:  # one tensor alone too big: split by rows
            rows = max(1, max_shard_bytes // max(1, t[0].numel() * t.element_size()))
            for k, start in enumerate(range(0, t.shape[0], rows)):
                shards[-1][f"{name}::part{k:03d}"] = t[start:start + rows].clone()
                shards.append({})
            size = 0
            continue
        shards[-1][name] = t
        size += nbytes
    shards = [s for s in shards if s]
    for i, shard in enumerate(shards):
        save_file(shard, str(out_dir / f"model-{i:03d}-of-{len(shards):03d}.safetensors"))


def load_sharded(model_dir: Path) -> dict:
    from safetensors.torch import load_file

    merged: dict = {}
    parts: dict[str, list] = {}
    for f in sorted(Path(model_dir).glob("model*.safetensors")):
        for name, t in load_file(str(f)).items():
            if "::part" in name:
                base, k = name.split("::part")
                parts.setdefault(base, []).append((int(k), t))
            else:
                merged[name] = t
    for base, pieces in parts.items():
        merged[base] = torch.cat([t for _, t in sorted(pieces, key=lambda p: p[0])])
    return merged
