"""Golden values of SimSiam's and MoCo v3's losses and gradients, for the toolkit's tests.

Written from the papers' pseudocode (SimSiam, Chen & He 2021, Algorithm 1; MoCo v3, Chen, Xie &
He 2021, Algorithm 1 and facebookresearch/moco-v3's `contrastive_loss`), not from the toolkit.
Float64, fixed seeded inputs (raw, not yet normalised): N = 4 samples, D = 8 dimensions.

Conventions:
- SimSiam: D(p, z) = -mean_i cos(p_i, stopgrad(z_i)); loss = D(p1, z2) / 2 + D(p2, z1) / 2.
- MoCo v3: ctr(q, k) = CE(normalize(q) . stopgrad(normalize(k))^T / tau, labels = arange(N)) * 2 tau;
  loss = ctr(q1, k2) + ctr(q2, k1) (summed over the two directions, as the official code).
- The gradients are with respect to the raw inputs (before normalisation).

Run: /usr/bin/python3 benchmarks/reference/golden_simsiam_mocov3.py > \
  toolkit-api/src/test/resources/golden/loss/frameworks.json
"""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(21)
N, D, TAU = 4, 8, 0.2


def rand():
    return torch.randn(N, D, dtype=torch.float64)


def rows(t):
    return [[float(v) for v in row] for row in t.detach()]


def simsiam():
    p1, p2, z1, z2 = (rand().requires_grad_() for _ in range(4))

    def d(p, z):
        return -F.cosine_similarity(p, z.detach(), dim=1).mean()

    loss = d(p1, z2) / 2 + d(p2, z1) / 2
    loss.backward()
    return {
        "inputs": {"p1": rows(p1), "p2": rows(p2), "z1": rows(z1), "z2": rows(z2)},
        "d_p1_z2": float(d(p1, z2)),
        "loss": float(loss),
        "grad_p1": rows(p1.grad), "grad_p2": rows(p2.grad),
    }


def mocov3():
    q1, q2, k1, k2 = (rand().requires_grad_() for _ in range(4))

    def ctr(q, k):
        logits = F.normalize(q, dim=1) @ F.normalize(k, dim=1).detach().t() / TAU
        return F.cross_entropy(logits, torch.arange(N)) * (2 * TAU)

    loss = ctr(q1, k2) + ctr(q2, k1)
    loss.backward()
    progress = [0.0, 0.25, 0.5, 0.75, 1.0]
    return {
        "inputs": {"q1": rows(q1), "q2": rows(q2), "k1": rows(k1), "k2": rows(k2)},
        "temperature": TAU,
        "ctr_q1_k2": float(ctr(q1, k2)),
        "loss": float(loss),
        "grad_q1": rows(q1.grad), "grad_q2": rows(q2.grad),
        # moco-v3 main_moco.py adjust_moco_momentum: 1 - 0.5 * (1 + cos(pi * epoch / epochs)) * (1 - m)
        "momentum_at": {str(f): 1 - 0.5 * (1 + torch.cos(torch.tensor(torch.pi * f, dtype=torch.float64)).item())
                        * (1 - 0.99) for f in progress},
    }


print(json.dumps({
    "note": "computed by benchmarks/reference/golden_simsiam_mocov3.py (PyTorch " + torch.__version__
            + ", float64); see the script's docstring for the conventions",
    "simsiam": simsiam(),
    "mocov3": mocov3(),
}, indent=1))
