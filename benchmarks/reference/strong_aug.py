#!/usr/bin/python3
"""The weak and the weak+strong (CLSA "stronger augmentation") view pipelines in Pillow and
torchvision, and their throughput on Fashion-MNIST on one core.

Weak: RandomResizedCrop(size, scale 0.2-1) -> ColorJitter(0.4, 0.4) with p 0.8 -> horizontal
flip. Strong: the weak pipeline, then `repeats` (5) times: draw one operation uniformly from the
pool; with probability 0.5 apply it at a magnitude v drawn uniformly from 1..9 (of 10), with a
random sign where the operation has one. Both end with ToTensor + Normalize(0.286, 0.353).
The magnitude-to-parameter maps are the toolkit's (plugins/strong-augment, Operation.java), which
are those of the published CLSA code; draws happen in the toolkit's order (op, apply?, v, sign).

Usage: strong_aug.py [--n 20000] [--size 28] [--pool official|paper] [--data DIR] [--seed 0]
Prints images/s for the weak and the weak+strong pipeline (to tensor and normalise included).
"""
import argparse
import random
import time
from collections import namedtuple

import torch
import torchvision.transforms as T
from PIL import Image, ImageEnhance, ImageOps

from common import DEFAULT_DATA, load_fmnist

MEAN, STD = 0.286, 0.353

# Effective parameter at magnitude v (0..10); `sign` is +1 or -1 (signed maps only).
def _factor(v, sign, im): return v * 0.9 / 10 + 0.05                   # enhancement factor
def _bits(v, sign, im): return int(v * 4 / 10) + 4                      # bits kept
def _degrees(v, sign, im): return sign * int(v * 30 / 10)               # counter-clockwise
def _shear(v, sign, im): return sign * (v * 0.3 / 10)                   # shear coefficient
def _pixels_x(v, sign, im): return int(sign * (v * 0.3 / 10) * im.width)
def _pixels_y(v, sign, im): return int(sign * (v * 0.3 / 10) * im.height)
def _threshold(v, sign, im): return 256 - int(v * 256 / 10)             # solarize threshold

SIGNED = (_degrees, _shear, _pixels_x, _pixels_y)


def _affine(im, coefficients):
    """Pillow's nearest-neighbour affine map, black fill, same size."""
    return im.transform(im.size, Image.Transform.AFFINE, coefficients)


Op = namedtuple('Op', 'parameter apply')  # parameter: map above or None; apply(im, p)
OPS = {
    'AutoContrast': Op(None, lambda im, p: ImageOps.autocontrast(im)),
    'Brightness': Op(_factor, lambda im, p: ImageEnhance.Brightness(im).enhance(p)),
    'Color': Op(_factor, lambda im, p: ImageEnhance.Color(im).enhance(p)),
    'Contrast': Op(_factor, lambda im, p: ImageEnhance.Contrast(im).enhance(p)),
    'Equalize': Op(None, lambda im, p: ImageOps.equalize(im)),
    'Identity': Op(None, lambda im, p: im),
    'Invert': Op(None, lambda im, p: ImageOps.invert(im)),
    'Posterize': Op(_bits, lambda im, p: ImageOps.posterize(im, p)),
    'Rotate': Op(_degrees, lambda im, p: im.rotate(p)),
    'Sharpness': Op(_factor, lambda im, p: ImageEnhance.Sharpness(im).enhance(p)),
    'ShearX': Op(_shear, lambda im, p: _affine(im, (1, p, 0, 0, 1, 0))),
    'ShearY': Op(_shear, lambda im, p: _affine(im, (1, 0, 0, p, 1, 0))),
    'Solarize': Op(_threshold, lambda im, p: ImageOps.solarize(im, p)),
    'TranslateX': Op(_pixels_x, lambda im, p: _affine(im, (1, 0, p, 0, 1, 0))),
    'TranslateY': Op(_pixels_y, lambda im, p: _affine(im, (1, 0, 0, 0, 1, p))),
}
# The published code's pool has Identity; the paper's has Invert in its place.
POOLS = {'official': [n for n in OPS if n != 'Invert'],
         'paper': [n for n in OPS if n != 'Identity']}


def parameter_at(name, v, negative, im):
    """The effective parameter of operation `name` at magnitude v (None if it takes none)."""
    parameter = OPS[name].parameter
    return None if parameter is None else parameter(v, -1 if negative else 1, im)


def apply_op(name, im, v, negative=False):
    """Operation `name` at magnitude v; deterministic."""
    return OPS[name].apply(im, parameter_at(name, v, negative, im))


def strong_augment(im, rng=random, pool='official', repeats=5, probability=0.5,
                   min_magnitude=1, max_magnitude=9):
    """The stronger augmentation of one PIL image, drawing from `rng` (a random.Random)."""
    ops = POOLS[pool]
    for _ in range(repeats):
        name = ops[rng.randrange(len(ops))]
        if rng.random() >= probability:
            continue
        v = rng.randint(min_magnitude, max_magnitude)
        negative = OPS[name].parameter in SIGNED and rng.random() < 0.5
        im = apply_op(name, im, v, negative)
    return im


def weak_pil(size=28):
    """The weak view, PIL to PIL (torchvision draws from torch's generator)."""
    return T.Compose([T.RandomResizedCrop(size, scale=(0.2, 1.0)),
                      T.RandomApply([T.ColorJitter(0.4, 0.4)], p=0.8),
                      T.RandomHorizontalFlip()])


def pipelines(size=28, pool='official', rng=random):
    """(weak, strong): PIL image -> normalised tensor; strong = weak, then strong_augment."""
    weak = weak_pil(size)
    finish = T.Compose([T.ToTensor(), T.Normalize([MEAN], [STD])])
    return (lambda im: finish(weak(im)),
            lambda im: finish(strong_augment(weak(im), rng, pool)))


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--n', type=int, default=20000, help='images timed per pipeline (<= 60000)')
    p.add_argument('--size', type=int, default=28)
    p.add_argument('--pool', choices=sorted(POOLS), default='official')
    p.add_argument('--data', default=DEFAULT_DATA)
    p.add_argument('--seed', type=int, default=0)
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    images = [Image.fromarray(x, 'L') for x in load_fmnist(a.data, 'train', a.n)[0]]
    weak, strong = pipelines(a.size, a.pool, random.Random(a.seed))
    for name, pipeline in (('weak', weak), ('weak+strong', strong)):
        start = time.perf_counter()
        for im in images:
            pipeline(im)
        seconds = time.perf_counter() - start
        print(f'{name}: {len(images) / seconds:.0f} images/s on one core '
              f'({len(images)} images, {a.size}x{a.size} grayscale, pool {a.pool})')


if __name__ == '__main__':
    main()
