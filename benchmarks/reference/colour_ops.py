#!/usr/bin/python3
"""Golden cases of the weak policy's colour operations, computed by torchvision and Pillow.

Writes small synthetic input PNGs (RGB and grey, 28-32 px), the output of each operation at
fixed parameters, and manifest.json naming each case's op, exact parameters, input, expected
output and mode. The toolkit's ColourOpsGoldenTest reads them.

  saturation  torchvision adjust_saturation (Pillow ImageEnhance.Color)    factor
  hue         torchvision adjust_hue (Pillow HSV, hue channel + uint8)    factor, shift = uint8(factor * 255)
  blur        torchvision gaussian_blur (float32 kernel, reflect pad)     kernel, sigma
  solarize    Pillow ImageOps.solarize (BYOL's second view)               threshold

Usage: colour_ops.py [--out DIR]   (default: toolkit-runtime/src/test/resources/golden/colour)
"""
import argparse
import json
import os

import numpy as np
import PIL
import torch
import torchvision
import torchvision.transforms.functional as TF
from PIL import Image, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, '..', '..', 'toolkit-runtime', 'src', 'test', 'resources',
                           'golden', 'colour')


def inputs():
    """name -> PIL image: smooth and noisy content, saturated and grey pixels, one non-square."""
    rng = np.random.RandomState(12)
    y, x = np.mgrid[0:32, 0:32]
    gradient = np.stack([x * 8, y * 8, 255 - (x + y) * 4], axis=-1)
    noise = rng.randint(0, 256, (32, 32, 3))
    # 4x4 blocks of primaries, greys, black, white and random colours; 28 rows by 32 columns
    palette = np.array([[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0], [0, 255, 255],
                        [128, 128, 128], [0, 0, 0], [255, 255, 255], [200, 30, 90], [10, 240, 130]])
    blocks = palette[rng.randint(0, len(palette), (7, 8))].repeat(4, axis=0).repeat(4, axis=1)
    grey_y, grey_x = np.mgrid[0:28, 0:28]
    garment = np.where((grey_x - 14) ** 2 + (grey_y - 13) ** 2 < 90, 40 + grey_y * 7, grey_x * 3)
    arrays = {'rgb_0': (gradient, 'RGB'), 'rgb_1': (noise, 'RGB'), 'rgb_2': (blocks, 'RGB'),
              'gray_0': (garment, 'L'), 'gray_1': (rng.randint(0, 256, (28, 28)), 'L')}
    return {name: Image.fromarray(a.clip(0, 255).astype(np.uint8), mode)
            for name, (a, mode) in arrays.items()}


def cases():
    """(op, input name, parameters) for every golden case."""
    rgb = ['rgb_0', 'rgb_1', 'rgb_2']
    out = []
    for name in rgb:
        out += [('saturation', name, {'factor': f}) for f in (0.2, 0.7, 1.3, 1.8)]
        out += [('hue', name, {'factor': h}) for h in (-0.5, -0.1, 0.0, 0.1, 0.5)]
    out += [('saturation', 'gray_0', {'factor': 1.5}), ('hue', 'gray_0', {'factor': 0.2})]
    for name in ('rgb_1', 'rgb_2', 'gray_0'):
        out += [('blur', name, {'kernel': k, 'sigma': s}) for k, s in ((3, 0.1), (3, 1.0), (5, 0.7), (9, 2.0))]
    out += [('blur', name, {'kernel': 3, 'sigma': 1.5}) for name in ('rgb_0', 'gray_1')]
    out += [('solarize', name, {'threshold': 128}) for name in ('rgb_0', 'rgb_1', 'rgb_2', 'gray_0', 'gray_1')]
    return out


def apply(op, im, p):
    """The reference output of one case; hue records the uint8 shift torchvision adds."""
    if op == 'saturation':
        return TF.adjust_saturation(im, p['factor'])
    if op == 'hue':
        p['shift'] = int(np.uint8(p['factor'] * 255))
        return TF.adjust_hue(im, p['factor'])
    if op == 'blur':
        return TF.gaussian_blur(im, [p['kernel'], p['kernel']], [p['sigma'], p['sigma']])
    if op == 'solarize':
        return ImageOps.solarize(im, p['threshold'])
    raise ValueError(op)


def main():
    a = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    a.add_argument('--out', default=DEFAULT_OUT)
    out = a.parse_args().out
    os.makedirs(out, exist_ok=True)
    images = inputs()
    for name, im in images.items():
        im.save(os.path.join(out, f'in_{name}.png'), optimize=True)
    manifest = []
    counts = {}
    for op, name, p in cases():
        n = counts[(op, name)] = counts.get((op, name), -1) + 1
        expected = f'out_{name}_{op}_{n}.png'
        apply(op, images[name], p).save(os.path.join(out, expected), optimize=True)
        manifest.append({'op': op, **p, 'input': f'in_{name}.png', 'expected': expected,
                         'mode': images[name].mode})
    generator = f'Pillow {PIL.__version__}, torchvision {torchvision.__version__}, torch {torch.__version__}'
    with open(os.path.join(out, 'manifest.json'), 'w') as f:
        json.dump({'generator': generator, 'script': 'benchmarks/reference/colour_ops.py',
                   'cases': manifest}, f, indent=1)
        f.write('\n')
    print(f'{len(manifest)} cases in {os.path.normpath(out)}')


if __name__ == '__main__':
    main()
