#!/usr/bin/python3
"""The floor every encoder must clear: the same weighted kNN as the toolkit's monitor (k 200,
T 0.1, cosine) on the raw pixels of Fashion-MNIST, each image flattened, scaled to [0, 1],
normalised with the data set's mean and deviation as the encoders' input is (unless
--no-center), and L2-normalised.

Usage: raw_knn.py [--data DIR] [--threads 2] [--limit 60000] [--no-center]
Prints one line: RESULT raw pixels (centred|not centred): kNN top-1 0.xxxx
"""
import argparse

import torch
import torch.nn.functional as F

from common import DEFAULT_DATA, load_fmnist, knn_top1

MEAN, STD = 0.286, 0.353


def pixels(images, center):
    x = torch.from_numpy(images).float().div(255).flatten(1)
    return F.normalize((x - MEAN) / STD if center else x, dim=1)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', default=DEFAULT_DATA)
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--limit', type=int, default=60000, help='memory bank: the first N training images')
    p.add_argument('--no-center', dest='center', action='store_false',
                   help='cosine of the [0, 1] pixels themselves, without subtracting the mean')
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    train, train_labels = load_fmnist(a.data, 'train', a.limit)
    test, test_labels = load_fmnist(a.data, 'test')
    top1 = knn_top1(pixels(train, a.center), train_labels, pixels(test, a.center), test_labels)
    print(f'RESULT raw pixels ({"centred" if a.center else "not centred"}): kNN top-1 {top1:.4f}')


if __name__ == '__main__':
    main()
