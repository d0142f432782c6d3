#!/usr/bin/env python3
"""Golden values of the Barlow Twins loss, computed by PyTorch in float64, for CrossCorrelationLossGoldenTest.

Conventions (the same as CrossCorrelationLoss.java and Zbontar et al. 2021, whose code standardises
each projector output with BatchNorm1d(affine=False)):
  zn   = (z - mean_over_batch(z)) / sqrt(biased_var_over_batch(z) + eps),  eps = 1e-5 (inside the sqrt)
  C    = z1n^T z2n / N                                                      (D x D)
  loss = sum_i (1 - C_ii)^2 + lambda * sum_{i != j} C_ij^2

Run from this folder's parent: /usr/bin/python3 reference/barlow_golden.py
It writes src/test/resources/golden/barlow.json.
"""
import json
import os

import torch

EPS = 1e-5
N, D = 8, 6
LAMBDAS = [0.0051, 0.5, 1.0]


def standardise(z):
    # BatchNorm1d(affine=False) in training mode: batch mean, biased variance, eps inside the sqrt
    return (z - z.mean(0)) / torch.sqrt(z.var(0, unbiased=False) + EPS)


def terms(z1, z2):
    c = standardise(z1).T @ standardise(z2) / z1.shape[0]
    on_diag = ((1 - torch.diagonal(c)) ** 2).sum()
    off_diag = (c ** 2).sum() - (torch.diagonal(c) ** 2).sum()
    return c, on_diag, off_diag


def bn_reference(z1, z2, lam):
    """The paper's own formulation (BatchNorm1d, mask of the off-diagonal), as a cross-check."""
    bn = torch.nn.BatchNorm1d(z1.shape[1], affine=False, eps=EPS).double().train()
    c = bn(z1).T @ bn(z2) / z1.shape[0]
    on = (torch.diagonal(c) - 1).pow(2).sum()
    off = c.flatten()[:-1].view(c.shape[0] - 1, c.shape[0] + 1)[:, 1:].flatten().pow(2).sum()
    return (on + lam * off).item()


def main():
    g = torch.Generator().manual_seed(20240611)
    z1 = torch.randn(N, D, generator=g, dtype=torch.float64)
    # the second view correlated with the first, as two views of the same images would be
    z2 = 0.8 * z1 + 0.6 * torch.randn(N, D, generator=g, dtype=torch.float64)
    c, on_diag, off_diag = terms(z1, z2)
    cases = []
    for lam in LAMBDAS:
        loss = (on_diag + lam * off_diag).item()
        assert abs(loss - bn_reference(z1, z2, lam)) < 1e-12, "formulations disagree"
        cases.append({"lambda": lam, "loss": loss})
    out = {
        "note": "Barlow Twins loss in float64 by PyTorch " + torch.__version__ + ": zn = (z - mean) / "
                "sqrt(biased var + eps) per dimension over the batch, eps = 1e-5; C = z1n^T z2n / N; "
                "loss = sum_i (1 - C_ii)^2 + lambda * sum_{i != j} C_ij^2. Written by reference/barlow_golden.py.",
        "eps": EPS,
        "z1": z1.tolist(),
        "z2": z2.tolist(),
        "cross_correlation": c.tolist(),
        "on_diagonal": on_diag.item(),
        "off_diagonal": off_diag.item(),
        "cases": cases,
    }
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "src", "test", "resources", "golden", "barlow.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(path), [c["loss"] for c in cases])


if __name__ == "__main__":
    main()
