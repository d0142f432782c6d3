#!/usr/bin/python3
"""Training-step throughput of a base objective (MoCo v2, SimCLR, BYOL, SimSiam, MoCo v3, DINO,
InstDisc), optionally with CLSA, in plain PyTorch on Gaussian-noise input.

Each step draws fresh noise for the two weak views and CLSA's views of a batch, computes the loss
(base + the contrastive term of each extra weak query + CLSA's L_D for each (weak, strong) pair,
beta 1, tau_d 0.2), back-propagates and takes an SGD step (lr 0.06, momentum 0.9, wd 5e-4).
`--warmup` untimed steps, then `--steps` timed ones. CLSA's views: `--strong N` full-size strong
views, or `--recipe paper` (one strong view of 96/224 of the side: 12 px of 28) or `--recipe
multicrop` (CLSA*: four more weak queries and five strong views at 224/192/160/128/96 of 224).
Model and objectives: see common.py.

Usage: ssl_step.py --base moco|simclr|byol|simsiam|mocov3|dino|instdisc [--strong N | --recipe paper|multicrop]
                   [--candidates own|batch] [--width 32] [--batch 128] [--steps 10]
                   [--warmup 2] [--threads 2] [--size 28] [--channels 1] [--queue 4096]
Prints one line ending "N images/s, M ms/step" (images of the batch, each with all its views).
"""
import argparse
import time

import torch

from common import build_objective, recipe_sides, sgd


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--base', choices=['moco', 'simclr', 'byol', 'simsiam', 'mocov3', 'dino', 'instdisc'], default='moco')
    p.add_argument('--strong', type=int, default=0, help='CLSA full-size strong views (0: base alone)')
    p.add_argument('--recipe', choices=['paper', 'multicrop'], help="the official CLSA code's crops")
    p.add_argument('--candidates', choices=['own', 'batch'], default='own', help="MoCo's candidates")
    p.add_argument('--width', type=int, default=32)
    p.add_argument('--batch', type=int, default=128)
    p.add_argument('--steps', type=int, default=10)
    p.add_argument('--warmup', type=int, default=2)
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--size', type=int, default=28)
    p.add_argument('--channels', type=int, default=1)
    p.add_argument('--queue', type=int, default=4096, help='MoCo queue length')
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)

    objective = build_objective(a.base, a.width, a.channels, a.queue, candidates=a.candidates)
    extra, strong_sides = recipe_sides(a.recipe, a.size) if a.recipe else ([], [a.size] * a.strong)
    optimizer = sgd(objective, lr=0.06)
    shape = (a.batch, a.channels, a.size, a.size)
    total = a.warmup + a.steps

    def step(i):
        x1, x2 = torch.randn(shape), torch.randn(shape)
        if hasattr(objective, 'indices'):  # InstDisc's bank rows: a random batch of the 60,000
            objective.indices = torch.randint(len(objective.bank), (a.batch,))
        view = lambda side: torch.randn(a.batch, a.channels, side, side)
        loss = objective.loss(x1, x2, [view(s) for s in strong_sides], progress=i / total,
                              extra=[view(s) for s in extra])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        objective.after_step()

    for i in range(a.warmup):
        step(i)
    start = time.perf_counter()
    for i in range(a.warmup, total):
        step(i)
    seconds = time.perf_counter() - start
    clsa = f'recipe {a.recipe}' if a.recipe else f'strong {a.strong}'
    print(f'torch {torch.__version__} threads {a.threads} base {a.base} {clsa} candidates {a.candidates} '
          f'width {a.width} batch {a.batch} steps {a.steps}: '
          f'{a.steps * a.batch / seconds:.1f} images/s, {seconds / a.steps * 1000:.0f} ms/step')


if __name__ == '__main__':
    main()
