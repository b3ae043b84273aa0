"""Batch throughput of a fine-tuned TriageModel on the GPU (texts/s over gold test texts).

    python -m training.gpu_throughput runs/ft-b > runs/ft-b/gpu_throughput.json

Tokenisation is included, as in the service; each setting runs after a warm-up pass.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    import torch
    from transformers import AutoTokenizer

    from service.normalise import normalise
    from training.model import TriageModel

    model_dir = Path((argv or sys.argv[1:])[0])
    texts = [normalise(json.loads(line)["text"]).text
             for line in open("corpora/gold/test.jsonl", encoding="utf-8")]
    tok = AutoTokenizer.from_pretrained(model_dir)
    model = TriageModel.load(model_dir).cuda().eval()
    results = {"device": torch.cuda.get_device_name(), "texts": len(texts)}
    for dtype in ("float32", "bfloat16"):
        for bs in (1, 32, 256):
            def run() -> None:
                with torch.no_grad(), torch.autocast("cuda", dtype=torch.bfloat16, enabled=dtype == "bfloat16"):
                    for b in range(0, len(texts), bs):
                        enc = tok(texts[b:b + bs], truncation=True, max_length=256, padding=True,
                                  return_tensors="pt").to("cuda")
                        model(enc["input_ids"], enc["attention_mask"])
                torch.cuda.synchronize()
            run()
            t0 = time.perf_counter()
            run()
            results[f"{dtype}_batch{bs}_texts_per_s"] = round(len(texts) / (time.perf_counter() - t0), 1)
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
