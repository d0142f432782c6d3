"""Loads a toolkit ViT export into a plain PyTorch ViT and compares features with the toolkit's.

Usage: /usr/bin/python3 vit_features.py CASE_DIR...

Each CASE_DIR (written by VitExportTest) holds encoder.safetensors, model.json ({"width",
"depth", "heads", "mlp_ratio", "patch_size"}), and for each image side S in model.json's "sides"
images_S.npy (N x C x S x S, normalised as the toolkit feeds them) and features_S.npy (the
toolkit's N x width features). The export loads with strict=True into ViT below (docs/export.md's
snippet: DINO's and timm's module names and layout, written here from the ViT paper), and one
line "CASE_DIR/S max_abs_diff X max_abs_feature Y" is printed per side, and one
"CASE_DIR/S/grad/NAME ..." per gradient file grad_S_NAME.npy (the toolkit's gradient of
sum(features * ramp) for that parameter). A side other than the
training one takes the positions resized bilinearly, as the toolkit does for smaller views.
"""
import json
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from torchvision_features import read_safetensors


class Attention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)

    def forward(self, x):
        n, t, d = x.shape
        q, k, v = self.qkv(x).reshape(n, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        weights = (q @ k.transpose(-2, -1) * (d // self.heads) ** -0.5).softmax(dim=-1)
        return self.proj((weights @ v).transpose(1, 2).reshape(n, t, d))


class Mlp(nn.Module):
    def __init__(self, width, hidden):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(width, hidden), nn.Linear(hidden, width)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class Block(nn.Module):
    def __init__(self, width, heads, mlp_ratio):
        super().__init__()
        self.norm1, self.attn = nn.LayerNorm(width, eps=1e-6), Attention(width, heads)
        self.norm2, self.mlp = nn.LayerNorm(width, eps=1e-6), Mlp(width, width * mlp_ratio)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class PatchEmbed(nn.Module):
    def __init__(self, channels, width, patch):
        super().__init__()
        self.proj = nn.Conv2d(channels, width, patch, patch)

    def forward(self, images):
        return self.proj(images)


class ViT(nn.Module):
    def __init__(self, channels, side, width, depth, heads, mlp_ratio, patch_size):
        super().__init__()
        grid = side // patch_size
        self.patch_embed = PatchEmbed(channels, width, patch_size)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, width))
        self.pos_embed = nn.Parameter(torch.zeros(1, 1 + grid * grid, width))
        self.blocks = nn.ModuleList(Block(width, heads, mlp_ratio) for _ in range(depth))
        self.norm = nn.LayerNorm(width, eps=1e-6)

    def positions(self, h, w):
        grid = int((self.pos_embed.shape[1] - 1) ** 0.5)
        patches = self.pos_embed[:, 1:]
        if (h, w) != (grid, grid):
            square = patches.reshape(1, grid, grid, -1).permute(0, 3, 1, 2)
            square = F.interpolate(square, size=(h, w), mode="bilinear", align_corners=False)
            patches = square.permute(0, 2, 3, 1).reshape(1, h * w, -1)
        return torch.cat([self.pos_embed[:, :1], patches], dim=1)

    def forward(self, images):
        x = self.patch_embed(images)
        h, w = x.shape[2:]
        x = x.flatten(2).transpose(1, 2)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.positions(h, w)
        for block in self.blocks:
            x = block(x)
        return self.norm(x)[:, 0]


def compare(case):
    spec = json.loads((case / "model.json").read_text())
    for side in spec["sides"]:
        images = torch.from_numpy(np.load(case / f"images_{side}.npy"))
        model = ViT(images.shape[1], spec["training_side"], spec["width"], spec["depth"], spec["heads"],
                    spec["mlp_ratio"], spec["patch_size"])
        model.load_state_dict(read_safetensors(case / "encoder.safetensors"), strict=True)
        model.eval()
        computed = model(images)
        features = computed.detach().numpy()
        expected = np.load(case / f"features_{side}.npy")
        assert features.shape == expected.shape, f"{features.shape} here, {expected.shape} from the toolkit"
        print(f"{case}/{side}", "max_abs_diff", float(np.abs(features - expected).max()), "max_abs_feature",
              float(np.abs(expected).max()))
        # the gradients of sum(features * ramp), ramp = 0, 0.01, 0.02, ... as the test builds it
        ramp = torch.arange(computed.numel(), dtype=torch.float32).reshape(computed.shape) / 100
        (computed * ramp).sum().backward()
        for name, parameter in model.named_parameters():
            file = case / f"grad_{side}_{name}.npy"
            if not file.exists():
                continue
            gradient = parameter.grad
            if name == "pos_embed":  # the toolkit learns the patches' rows alone, as G x G*D
                gradient = gradient[0, 1:].reshape(np.load(file).shape)
            difference = float(np.abs(gradient.numpy() - np.load(file)).max())
            print(f"{case}/{side}/grad/{name}", "max_abs_diff", difference, "max_abs_feature",
                  float(gradient.abs().max()))


if __name__ == "__main__":
    torch.set_num_threads(1)
    for argument in sys.argv[1:]:
        compare(Path(argument))
