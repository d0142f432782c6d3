#!/usr/bin/python3
"""Training-step throughput of a base objective (MoCo v2, SimCLR or BYOL), optionally with N CLSA
strong views, in plain PyTorch on Gaussian-noise input.

Each step draws fresh noise for the two weak views and the N strong views of a batch, computes
the loss (base + CLSA's L_D for each strong view, beta 1, tau_d 0.2), back-propagates and takes
an SGD step (lr 0.06, momentum 0.9, wd 5e-4). `--warmup` untimed steps, then `--steps` timed ones.
Model and objectives: see common.py.

Usage: ssl_step.py --base moco|simclr|byol [--strong N] [--width 32] [--batch 128] [--steps 10]
                   [--warmup 2] [--threads 2] [--size 28] [--channels 1] [--queue 4096]
Prints one line ending "N images/s, M ms/step" (images of the batch, each with all its views).
"""
import argparse
import time

import torch

from common import build_objective, sgd


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--base', choices=['moco', 'simclr', 'byol'], default='moco')
    p.add_argument('--strong', type=int, default=0, help='CLSA strong views (0: base alone)')
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

    objective = build_objective(a.base, a.width, a.channels, a.queue)
    optimizer = sgd(objective, lr=0.06)
    shape = (a.batch, a.channels, a.size, a.size)
    total = a.warmup + a.steps

    def step(i):
        x1, x2 = torch.randn(shape), torch.randn(shape)
        strong = [torch.randn(shape) for _ in range(a.strong)]
        loss = objective.loss(x1, x2, strong, progress=i / total)
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
    print(f'torch {torch.__version__} threads {a.threads} base {a.base} strong {a.strong} '
          f'width {a.width} batch {a.batch} steps {a.steps}: '
          f'{a.steps * a.batch / seconds:.1f} images/s, {seconds / a.steps * 1000:.0f} ms/step')


if __name__ == '__main__':
    main()
