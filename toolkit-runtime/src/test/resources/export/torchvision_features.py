"""Loads toolkit exports into torchvision's ResNet and compares features with the toolkit's.

Usage: /usr/bin/python3 torchvision_features.py CASE_DIR...

Each CASE_DIR (written by ExportTest) holds encoder.safetensors, model.json ({"backbone",
"width", "stem"}), images.npy (N x C x H x W, normalised as the toolkit feeds them) and
features.npy (the toolkit's N x F features of those images). For each case the export is loaded
with strict=True into torchvision.models.resnet18 itself when the width is 64, else into the
model docs/export.md's snippet builds, and one line "CASE_DIR max_abs_diff X max_abs_feature Y" is
printed: the largest difference, and the largest feature for scale.

Needs Debian's python3-torch and python3-torchvision; the safetensors file is read here with
plain Python, since Debian has no python3-safetensors.
"""
import json
import struct
import sys
from pathlib import Path

import numpy as np
import torch
import torchvision
from torch import nn
from torchvision.models.resnet import BasicBlock, ResNet

DTYPES = {"F32": np.float32, "I64": np.int64}


def read_safetensors(path):
    """8-byte little-endian header length, a JSON header, then the arrays back to back."""
    data = Path(path).read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    header.pop("__metadata__", None)
    body = data[8 + length:]
    tensors, end = {}, 0
    # as strict as the safetensors library: the arrays cover the data without gap or overlap
    for name, entry in sorted(header.items(), key=lambda item: item[1]["data_offsets"]):
        start, stop = entry["data_offsets"]
        assert start == end, f"{name} starts at {start}, not at {end}"
        array = np.frombuffer(body[start:stop], dtype=np.dtype(DTYPES[entry["dtype"]]).newbyteorder("<"))
        tensors[name] = torch.from_numpy(array.reshape(entry["shape"]).copy())
        end = stop
    assert end == len(body), f"{len(body) - end} bytes after the last array"
    return tensors


def torchvision_resnet18(channels, stem):
    """torchvision's own ResNet-18 (width 64), its stem swapped as docs/export.md says."""
    model = torchvision.models.resnet18()
    if stem == "cifar":
        model.conv1 = nn.Conv2d(channels, 64, 3, 1, 1, bias=False)
        model.maxpool = nn.Identity()
    elif channels != 3:
        model.conv1 = nn.Conv2d(channels, 64, 7, 2, 3, bias=False)
    model.fc = nn.Identity()
    return model


def toolkit_resnet(width, blocks=(2, 2, 2, 2), channels=1, stem="cifar"):
    """docs/export.md's snippet: torchvision's ResNet built for any width."""
    model = ResNet(BasicBlock, list(blocks))
    model.inplanes = width
    if stem == "cifar":
        model.conv1, model.maxpool = nn.Conv2d(channels, width, 3, 1, 1, bias=False), nn.Identity()
    else:
        model.conv1 = nn.Conv2d(channels, width, 7, 2, 3, bias=False)
    model.bn1 = nn.BatchNorm2d(width)
    for s in range(4):
        layer = model._make_layer(BasicBlock, width << s, blocks[s], stride=1 if s == 0 else 2)
        setattr(model, f"layer{s + 1}", layer)
    model.fc = nn.Identity()
    return model


def compare(case):
    spec = json.loads((case / "model.json").read_text())
    images = torch.from_numpy(np.load(case / "images.npy"))
    blocks = [2, 2, 2, 2] if spec["backbone"] == "resnet18" else [3, 4, 6, 3]
    channels = images.shape[1]
    if spec["width"] == 64 and spec["backbone"] == "resnet18":
        model = torchvision_resnet18(channels, spec["stem"])
    else:
        model = toolkit_resnet(spec["width"], blocks, channels, spec["stem"])
    model.load_state_dict(read_safetensors(case / "encoder.safetensors"), strict=True)
    model.eval()
    with torch.no_grad():
        features = model(images).numpy()
    expected = np.load(case / "features.npy")
    assert features.shape == expected.shape, f"{features.shape} here, {expected.shape} from the toolkit"
    print(case, "max_abs_diff", float(np.abs(features - expected).max()), "max_abs_feature",
          float(np.abs(expected).max()))


if __name__ == "__main__":
    torch.set_num_threads(1)
    for argument in sys.argv[1:]:
        compare(Path(argument))
