"""Golden values of InstDisc's non-parametric softmax and memory-bank update, for the toolkit's tests.

Computed by running the authors' code, zhirongw/lemniscate.pytorch (`lib/LinearAverage.py`: the
full softmax over the memory bank, what their `--nce-k 0` trains with `nn.CrossEntropyLoss`), on
fixed seeded float64 inputs; nothing of it is copied into the toolkit. A bank of M = 10 entries of
D = 8 (initialised as the authors' code does, uniform in +-1/sqrt(D/3)), a batch of N = 4 unit
features `x` at bank indices `y`, tau 0.07, momentum 0.5. `LinearAverageOp.backward` returns the
gradient with respect to `x` and writes `normalize(m * memory[y] + (1 - m) * x)` into the bank.

Run (with lib/LinearAverage.py of lemniscate.pytorch at commit COMMIT in the folder LEMNISCATE):
  /usr/bin/python3 benchmarks/reference/golden_instdisc.py LEMNISCATE COMMIT > \
    toolkit-api/src/test/resources/golden/loss/official_instdisc.json
"""
import json
import sys

import torch
import torch.nn.functional as F

sys.argv, LEMNISCATE, COMMIT = [sys.argv[0]], sys.argv[1], sys.argv[2]
sys.path.insert(0, LEMNISCATE)
from lib.LinearAverage import LinearAverage  # noqa: E402  (the authors' code, from the folder given)

M, D, N, TAU, MOMENTUM = 10, 8, 4, 0.07, 0.5


def rows(t):
    return [[float(v) for v in row] for row in t.detach()]


torch.manual_seed(21)
lemniscate = LinearAverage(D, M, TAU, MOMENTUM).double()
memory_before = lemniscate.memory.clone()
x = F.normalize(torch.randn(N, D, dtype=torch.float64), dim=1).requires_grad_()
y = torch.tensor([3, 7, 0, 5])
out = lemniscate(x, y)
loss = F.cross_entropy(out, y)
loss.backward()
print(json.dumps({
    "note": "computed by benchmarks/reference/golden_instdisc.py running zhirongw/lemniscate.pytorch "
            "lib/LinearAverage.py at " + COMMIT + " (PyTorch " + torch.__version__ + ", float64)",
    "temperature": TAU, "momentum": MOMENTUM,
    "memory_before": rows(memory_before), "features": rows(x), "indices": [int(i) for i in y],
    "loss": float(loss), "grad_features": rows(x.grad), "memory_after": rows(lemniscate.memory),
}, indent=1))
