#!/usr/bin/python3
"""Reference quality: MoCo v2, SimCLR, BYOL, SimSiam, MoCo v3, DINO or InstDisc (optionally
+ CLSA) pre-trained on Fashion-MNIST in plain PyTorch, then weighted kNN (k 200, T 0.1) of the
backbone's L2-normalised features, test split against the train split as memory.

Recipe: ResNet-18 BasicBlock (cifar stem, --width), heads and objectives as in common.py; SGD
momentum 0.9, wd 5e-4, lr 0.06 * batch / 256 on a per-step cosine, no warm-up; each epoch a
random permutation of the training images, the last partial batch dropped. Two weak views per
image; with --clsa one strong view (weak, then the stronger augmentation; strong_aug.py), L_D with
tau_d 0.2, beta 1.

Usage: ssl_fmnist.py --base moco|simclr|byol|simsiam|mocov3|dino|instdisc [--clsa] [--epochs 5] [--width 8] [--batch 128]
                     [--seed 0] [--threads 1] [--limit 60000] [--data DIR]
Prints progress every 100 steps and a final line
"RESULT base B clsa C epochs E width W batch N seed S: kNN top-1 0.xxxx, training T s".
"""
import argparse
import math
import random
import time

import numpy as np
import torch
from PIL import Image

from common import DEFAULT_DATA, build_objective, features, knn_top1, load_fmnist, sgd
from strong_aug import MEAN, STD, pipelines


def batches(n, batch, steps, rng):
    """Index batches: one permutation of range(n) per epoch, the last partial batch dropped."""
    per_epoch = n // batch
    for step in range(steps):
        if step % per_epoch == 0:
            order = rng.permutation(n)
        j = step % per_epoch
        yield order[j * batch:(j + 1) * batch]


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--base', choices=['moco', 'simclr', 'byol', 'simsiam', 'mocov3', 'dino', 'instdisc'], default='moco')
    p.add_argument('--clsa', action='store_true', help='add one CLSA strong view')
    p.add_argument('--epochs', type=float, default=5)
    p.add_argument('--width', type=int, default=8)
    p.add_argument('--batch', type=int, default=128)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--limit', type=int, default=60000, help='training images used')
    p.add_argument('--data', default=DEFAULT_DATA)
    p.add_argument('--ema-after-step', action='store_true',
                   help="BYOL: the toolkit's order, target EMA after the optimiser step")
    p.add_argument('--zero-linear-bias', action='store_true',
                   help="Linear biases initialised to 0, as DJL's Linear (toolkit)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)

    x_train, y_train = load_fmnist(a.data, 'train', a.limit)
    x_test, y_test = load_fmnist(a.data, 'test')
    if len(x_train) < a.batch:
        p.error(f'--limit {a.limit}: fewer training images than one batch')
    images = [Image.fromarray(x, 'L') for x in x_train]
    weak, strong = pipelines(28, 'official', random.Random(a.seed))

    objective = build_objective(a.base, a.width, byol_ema_after_step=a.ema_after_step,
                                zero_linear_bias=a.zero_linear_bias, images=len(images))
    peak_lr = 0.06 * a.batch / 256
    optimizer = sgd(objective, peak_lr)
    steps = max(1, int(a.epochs * (len(images) // a.batch)))

    objective.train()
    start = time.time()
    for step, idx in enumerate(batches(len(images), a.batch, steps, rng)):
        lr = peak_lr * 0.5 * (1 + math.cos(math.pi * step / steps))
        if hasattr(objective, 'epoch'):  # DINO's teacher temperature is set per epoch
            objective.epoch = step // (len(images) // a.batch)
        if hasattr(objective, 'indices'):  # InstDisc's bank rows
            objective.indices = torch.as_tensor(idx)
        for group in optimizer.param_groups:
            group['lr'] = peak_lr if group.get('fixed') else lr
        x1 = torch.stack([weak(images[i]) for i in idx])
        x2 = torch.stack([weak(images[i]) for i in idx])
        xs = [torch.stack([strong(images[i]) for i in idx])] if a.clsa else []
        loss = objective.loss(x1, x2, xs, progress=step / steps)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        objective.after_step()
        if (step + 1) % 100 == 0:
            rate = (step + 1) * a.batch / (time.time() - start)
            print(f'step {step + 1}/{steps} loss {loss.item():.3f} lr {lr:.4f} {rate:.0f} img/s',
                  flush=True)
    train_s = time.time() - start

    top1 = knn_top1(features(objective.encoder, x_train, MEAN, STD), y_train,
                    features(objective.encoder, x_test, MEAN, STD), y_test)
    print(f'RESULT base {a.base} clsa {a.clsa} epochs {a.epochs:g} width {a.width} '
          f'batch {a.batch} seed {a.seed}: kNN top-1 {top1:.4f}, training {train_s:.0f} s')


if __name__ == '__main__':
    main()
