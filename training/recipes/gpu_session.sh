#!/usr/bin/env bash
# What ran on the lent GPU machine (device tool), one stage per call, each under 10 minutes.
#
#   bash training/recipes/gpu_session.sh pretrain-and-finetune   # (b) pretrained + fine-tuned, (b) random init
#   bash training/recipes/gpu_session.sh e5                      # (a) as converted, (a) + domain-adaptive MLM
#
# Inputs prepared on the CPU machine and carried in .gpu/ (git-ignored):
#   .gpu/pretrain/        python -m training.pretrain prepare --out .gpu/pretrain
#   .gpu/e5-base.packed.npz   python -m training.base ... --packed .gpu/e5-base.packed.npz
#   .gpu/train.jsonl.gz   gzip of corpora/train.jsonl (python -m training.build_corpus)
# and .whl/ with the one pure-Python wheel the GPU image lacks (opencc-python-reimplemented).
# Results go to $OUT as a tarball split into 15 MB parts (the tool returns 8 files of 16 MB).
# No `set -e`: a failed step must not lose the results of the others (they are tarred at the end).
set -uo pipefail
export PYTHONUNBUFFERED=1
OUT=${OUT:-runs/gpu-out}
mkdir -p "$OUT" runs
python3 -m pip install -q --no-index --no-deps --no-compile --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:$PWD
[ -f corpora/train.jsonl ] || gunzip -c .gpu/train.jsonl.gz > corpora/train.jsonl
nvidia-smi -L
stage=${1:?stage}
# Every step gets what is left of a deadline (the tool kills a call at 10 minutes, and a
# killed call brings nothing back): results are tarred in the time kept in reserve.
deadline=$((SECONDS + ${BUDGET_SECONDS:-510}))
left() { echo $((deadline - SECONDS > 5 ? deadline - SECONDS : 5)); }
step() { timeout "$(left)" "$@" 2>&1 | grep -v -e Warning -e "Loading weights" -e "Writing model" || echo "FAILED or stopped: $*"; }
pack() { name=$1; shift; tar czf - --exclude=checkpoint.pt --ignore-failed-read "$@" | split -b 15M - "$OUT/$name.tgz.part-"; }
case "$stage" in
  pretrain-and-finetune)
    step python3 -m training.pretrain train --data .gpu/pretrain --out runs/pretrain-b \
        --max-minutes "${PRETRAIN_MINUTES:-3}" --batch-size 256 --lr 1e-3
    step python3 -m training.finetune --encoder runs/pretrain-b/encoder --out runs/ft-b --epochs 4 --max-minutes 1
    pack b runs/pretrain-b/encoder runs/pretrain-b/*.json runs/pretrain-b/log.jsonl runs/ft-b
    step python3 -m training.finetune --encoder runs/pretrain-b/encoder --random-init --out runs/ft-b-random \
        --epochs 4 --max-minutes 1 --no-save
    step bash -c "timeout 30 python3 -m training.gpu_throughput runs/ft-b > runs/gpu_throughput.json"
    pack rest runs/ft-b-random runs/gpu_throughput.json
    ;;
  e5)
    [ -d build/e5-base ] || python3 -m training.base --from-packed .gpu/e5-base.packed.npz --out build/e5-base
    step python3 -m training.finetune --encoder build/e5-base --out runs/ft-e5 --epochs 3 --max-minutes 1.5 --lr 5e-5 --no-save
    pack e5 runs/ft-e5
    step python3 -m training.pretrain train --data .gpu/pretrain --init build/e5-base --out runs/dapt-e5 \
        --max-minutes "${DAPT_MINUTES:-2}" --batch-size 128 --lr 5e-5 --max-length 256
    step python3 -m training.finetune --encoder runs/dapt-e5/encoder --out runs/ft-e5-dapt --epochs 3 \
        --max-minutes 1.5 --lr 5e-5 --no-save
    pack e5-dapt runs/dapt-e5/*.json runs/dapt-e5/log.jsonl runs/ft-e5-dapt
    ;;
  *) echo "unknown stage $stage"; exit 2 ;;
esac
ls -la "$OUT"
