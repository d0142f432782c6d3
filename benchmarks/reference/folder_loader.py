"""Loader throughput on a folder of JPEGs: torchvision ImageFolder + DataLoader, two augmented views.

The reference for `./toolkit bench examples/folder.yaml --data loader`: the same images, the same
worker count, the same work per sample (decode, shorter side to --size then centre crop, then two
views of RandomResizedCrop(scale 0.2-1), ColorJitter(0.4, 0.4, 0.4, 0.1) with p 0.8,
RandomGrayscale(0.2), horizontal flip, ToTensor and Normalize). torchvision decodes every image in
every epoch; the toolkit decodes once when the images fit data.cache_mb, else in every epoch too.

  /usr/bin/python3 benchmarks/reference/folder_loader.py --make /tmp/jpegs --count 5000 --side 160
  /usr/bin/python3 benchmarks/reference/folder_loader.py --root /tmp/jpegs --workers 2 --batches 40
"""
import argparse
import os
import time

import numpy as np
import torch
from PIL import Image
from torchvision import datasets, transforms


def make(folder, count, side, classes=10):
    """Deterministic synthetic photos: smooth colour gradients with noise, one subfolder per class."""
    rng = np.random.default_rng(0)
    y, x = np.mgrid[0:side, 0:side] / side
    for i in range(count):
        c = i % classes
        os.makedirs(os.path.join(folder, f"class{c}"), exist_ok=True)
        a, b, d = rng.uniform(0, 1, 3)
        rgb = np.stack([a * x + (1 - a) * y, np.sin(6 * b * x + c), d * y * x], axis=-1)
        rgb = rgb + rng.normal(0, 0.08, rgb.shape)
        pixels = (np.clip(rgb, 0, 1) * 255).astype(np.uint8)
        Image.fromarray(pixels, "RGB").save(os.path.join(folder, f"class{c}", f"{i:06d}.jpg"), quality=90)


class TwoViews:
    def __init__(self, view):
        self.view = view

    def __call__(self, image):
        return self.view(image), self.view(image)


def measure(root, size, workers, batch, batches, warmup):
    view = transforms.Compose([
        transforms.RandomResizedCrop(size, scale=(0.2, 1.0)),
        transforms.RandomApply([transforms.ColorJitter(0.4, 0.4, 0.4, 0.1)], p=0.8),
        transforms.RandomGrayscale(p=0.2),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
        transforms.Normalize([0.5, 0.5, 0.5], [0.25, 0.25, 0.25]),
    ])
    load = transforms.Compose([transforms.Resize(size), transforms.CenterCrop(size)])
    data = datasets.ImageFolder(root, transform=transforms.Compose([load, TwoViews(view)]))
    loader = torch.utils.data.DataLoader(data, batch_size=batch, shuffle=True, num_workers=workers,
                                         drop_last=True, persistent_workers=workers > 0)
    taken, start = 0, None
    while True:
        for _ in loader:
            taken += 1
            if taken == warmup:
                start = time.perf_counter()
            if taken == warmup + batches:
                seconds = time.perf_counter() - start
                print(f"torchvision ImageFolder + DataLoader, {workers} workers, batch {batch}: "
                      f"{batches * batch / seconds:.1f} images/s ({batches} batches after {warmup} warm-up), "
                      f"{len(data)} images in {root}")
                return


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--make", help="write the synthetic JPEG folder here and stop")
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--side", type=int, default=160)
    parser.add_argument("--root")
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--batches", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(1)
    if args.make:
        make(args.make, args.count, args.side)
        print(f"wrote {args.count} JPEGs of {args.side} x {args.side} px into {args.make}")
    else:
        measure(args.root, args.size, args.workers, args.batch, args.batches, args.warmup)


if __name__ == "__main__":
    main()
