"""Shared parts of the plain-PyTorch reference scripts: Fashion-MNIST reading, the ResNet-18
backbone, the projection heads, the three base objectives (MoCo v2, SimCLR, BYOL) with the
optional CLSA distributional loss, and the weighted kNN evaluation.

Each objective returns its base loss, the weak query's similarities to its candidates, a
function that scores any query against the SAME candidates and one that gives the base's
contrastive term of any further query; CLSA (``Objective.loss`` with strong views) uses the
first for every (weak query, strong view) pair and the second for extra weak queries (CLSA*):
    L_D = -sum softmax(sim_w / tau_d, detached) * log_softmax(sim_s / tau_d),
    L = L_base + sum L_C(extra weak) + beta * sum over pairs L_D.
"""
import copy
import gzip
import math
import os
import struct

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models.resnet import BasicBlock, conv1x1

DEFAULT_DATA = '/usr/share/datasets/fashion-mnist'
FILES = {'train': ('train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz'),
         'test': ('t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz')}


# ---------------------------------------------------------------- data

def read_idx(path):
    """An IDX file of unsigned bytes (optionally gzip-compressed) as a numpy array."""
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        raw = f.read()
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise ValueError(f'{path}: not an IDX file of unsigned bytes')
    ndim = raw[3]
    dims = struct.unpack('>' + 'I' * ndim, raw[4:4 + 4 * ndim])
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * ndim).reshape(dims).copy()  # writable


def load_fmnist(data_dir, split, limit=None):
    """Images (N, 28, 28) uint8 and labels (N,) of the 'train' or 'test' split, the first `limit`."""
    images, labels = (read_idx(os.path.join(data_dir, name)) for name in FILES[split])
    return images[:limit], labels[:limit].astype(np.int64)


# ---------------------------------------------------------------- networks

class ResNet18(nn.Sequential):
    """ResNet-18 of torchvision's BasicBlock, with the "cifar" stem (3x3 stride-1 conv, no
    max-pool), stage widths w, 2w, 4w, 8w and global average pooling; PyTorch default init."""

    def __init__(self, width, in_channels=1):
        layers = [nn.Conv2d(in_channels, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width),
                  nn.ReLU(inplace=True)]
        planes_in = width
        for stage in range(4):
            planes = width * 2 ** stage
            for block in range(2):
                stride = 2 if stage > 0 and block == 0 else 1
                down = None
                if stride != 1 or planes_in != planes:
                    down = nn.Sequential(conv1x1(planes_in, planes, stride), nn.BatchNorm2d(planes))
                layers.append(BasicBlock(planes_in, planes, stride, down))
                planes_in = planes
        layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
        super().__init__(*layers)
        self.dim = planes_in


def mlp(dim_in, hidden=512, dim_out=128, batch_norm=False):
    """Linear -> [BatchNorm1d] -> ReLU -> Linear."""
    norm = [nn.BatchNorm1d(hidden)] if batch_norm else []
    return nn.Sequential(nn.Linear(dim_in, hidden), *norm, nn.ReLU(inplace=True),
                         nn.Linear(hidden, dim_out))


def frozen_copy(module):
    """A copy of `module` that takes no gradient (a momentum target)."""
    target = copy.deepcopy(module)
    for p in target.parameters():
        p.requires_grad = False
    return target


@torch.no_grad()
def ema_(target, online, momentum):
    """target <- momentum * target + (1 - momentum) * online, over parameters (not buffers)."""
    for t, o in zip(target.parameters(), online.parameters()):
        t.mul_(momentum).add_(o.detach(), alpha=1 - momentum)


# ---------------------------------------------------------------- objectives

class Objective(nn.Module):
    """A base objective; subclasses define `query` and `base_loss`."""

    def query(self, x):
        """The online query path, L2-normalised (the path CLSA's strong views take)."""
        raise NotImplementedError

    def base_loss(self, x1, x2, progress):
        """(loss, sim_w, score, contrast): the base loss, the weak query's similarities to its
        candidates, a function scoring a query batch against the same candidates, and one giving
        the base's contrastive term of a further query batch."""
        raise NotImplementedError

    def after_step(self):
        """Bookkeeping after the optimiser step (MoCo's enqueue)."""

    @property
    def encoder(self):
        """The backbone (the first module of the online path)."""
        return self.online[0]

    def trainable(self):
        return [p for p in self.parameters() if p.requires_grad]

    def loss(self, x1, x2, strong=(), progress=0.0, beta=1.0, tau_d=0.2, extra=()):
        """Base loss plus, for each extra weak query, the base's contrastive term, and for each
        (weak query, strong view) pair beta times CLSA's distributional loss."""
        loss, sim_w, score, contrast = self.base_loss(x1, x2, progress)
        weak = [sim_w]
        for xw in extra:
            q = self.query(xw)
            weak.append(score(q))
            loss = loss + contrast(q)
        if len(strong):
            targets = [F.softmax(w.detach() / tau_d, dim=1) for w in weak]
            for xs in strong:
                log_s = F.log_softmax(score(self.query(xs)) / tau_d, dim=1)
                for target in targets:
                    loss = loss + beta * -(target * log_s).sum(1).mean()
        return loss


class MoCo(Objective):
    """MoCo v2: key encoder = EMA of the query encoder, queue of past keys, InfoNCE over
    [own key; queue] (candidates 'own', facebookresearch/moco) or [every key of the batch; queue]
    (candidates 'batch', the official CLSA code)."""

    def __init__(self, encoder, queue=4096, tau=0.2, momentum=0.99, candidates='own'):
        super().__init__()
        self.online = nn.Sequential(encoder, mlp(encoder.dim))
        self.target = frozen_copy(self.online)
        self.register_buffer('queue', F.normalize(torch.randn(queue, 128), dim=1))
        self.tau, self.momentum, self.keys = tau, momentum, None
        self.candidates = candidates

    def query(self, x):
        return F.normalize(self.online(x), dim=1)

    def base_loss(self, x1, x2, progress):
        q = self.query(x1)
        ema_(self.target, self.online, self.momentum)
        with torch.no_grad():
            k = F.normalize(self.target(x2), dim=1)
        queue = self.queue  # after_step replaces, never mutates, the buffer
        if self.candidates == 'batch':
            score = lambda z: torch.cat([z @ k.t(), z @ queue.t()], dim=1)
            positives = torch.arange(len(q))
        else:
            score = lambda z: torch.cat([(z * k).sum(1, keepdim=True), z @ queue.t()], dim=1)
            positives = torch.zeros(len(q), dtype=torch.long)
        contrast = lambda z: F.cross_entropy(score(z) / self.tau, positives)
        sim_w = score(q)
        loss = F.cross_entropy(sim_w / self.tau, positives)
        self.keys = k
        return loss, sim_w, score, contrast

    def after_step(self):
        self.queue = torch.cat([self.keys, self.queue])[:len(self.queue)]


class SimCLR(Objective):
    """SimCLR: both views through one encoder (one forward each), NT-Xent over the 2N views;
    candidates of anchor a_i (view 1 of image i) = the 2N-1 other views, detached."""

    def __init__(self, encoder, tau=0.5):
        super().__init__()
        self.online = nn.Sequential(encoder, mlp(encoder.dim))
        self.tau = tau

    def query(self, x):
        return F.normalize(self.online(x), dim=1)

    def base_loss(self, x1, x2, progress):
        za, zb = self.query(x1), self.query(x2)
        n = len(za)
        z = torch.cat([za, zb])
        logits = (z @ z.t()).masked_fill(torch.eye(2 * n, dtype=torch.bool), float('-inf'))
        positives = torch.cat([torch.arange(n, 2 * n), torch.arange(n)])
        loss = F.cross_entropy(logits / self.tau, positives)
        candidates = z.detach()
        others = ~torch.eye(n, 2 * n, dtype=torch.bool)  # row i drops its own view (column i)
        score = lambda q: (q @ candidates.t())[others].view(n, 2 * n - 1)
        # a further query in the place of anchor a_i, towards its pair b_i (column n - 1 + i)
        contrast = lambda q: F.cross_entropy(score(q) / self.tau, torch.arange(n - 1, 2 * n - 1))
        return loss, score(za), score, contrast


class BYOL(Objective):
    """BYOL: online encoder + projector + predictor, target = EMA of encoder + projector with
    momentum 1 - (1 - base)(cos(pi * progress) + 1) / 2; loss 2 - 2 cos, symmetrised;
    CLSA candidates = the batch's target projections of the other view."""

    def __init__(self, encoder, momentum=0.99, ema_after_step=False):
        super().__init__()
        self.online = nn.Sequential(encoder, mlp(encoder.dim, batch_norm=True))
        self.predictor = mlp(128, batch_norm=True)
        self.target = frozen_copy(self.online)
        self.base_momentum = momentum
        # the toolkit's order (ByolTraining.afterStep): EMA after the optimiser step, with the
        # momentum of the step just taken; default: EMA before the step's forward
        self.ema_after_step, self.m = ema_after_step, momentum

    def query(self, x):
        return F.normalize(self.predictor(self.online(x)), dim=1)

    def base_loss(self, x1, x2, progress):
        m = 1 - (1 - self.base_momentum) * (math.cos(math.pi * progress) + 1) / 2
        self.m = m
        if not self.ema_after_step:
            ema_(self.target, self.online, m)
        with torch.no_grad():
            t1, t2 = (F.normalize(self.target(x), dim=1) for x in (x1, x2))
        p1, p2 = self.query(x1), self.query(x2)
        loss = (2 - 2 * (p1 * t2).sum(1)).mean() + (2 - 2 * (p2 * t1).sum(1)).mean()
        score = lambda q: q @ t2.t()
        # a further query regresses to both views' targets, as solo-learn's multi-crop BYOL
        contrast = lambda q: (2 - 2 * (q * t1).sum(1)).mean() + (2 - 2 * (q * t2).sum(1)).mean()
        return loss, score(p1), score, contrast

    def after_step(self):
        if self.ema_after_step:
            ema_(self.target, self.online, self.m)


def bn_mlp(dims, last_bn):
    """Linear layers without bias through `dims`, BatchNorm and ReLU after each hidden one, and
    BatchNorm (affine, as the toolkit's) after the last when `last_bn` (SimSiam's and MoCo v3's heads)."""
    layers = []
    for i, (a, b) in enumerate(zip(dims, dims[1:])):
        last = i == len(dims) - 2
        layers.append(nn.Linear(a, b, bias=last and last_bn is None))
        if not last:
            layers += [nn.BatchNorm1d(b), nn.ReLU(inplace=True)]
        elif last_bn:
            layers.append(nn.BatchNorm1d(b))
    return nn.Sequential(*layers)


class SimSiam(Objective):
    """SimSiam: one encoder, projector of three layers with BatchNorm after each (512, 512, 128),
    bottleneck predictor 128 -> 32 -> 128 (its last layer with bias); loss
    D(p1, sg z2) / 2 + D(p2, sg z1) / 2, D = -cos; the predictor at the peak lr (`fixed`);
    CLSA candidates = the batch's stop-gradient projections of the other view."""

    def __init__(self, encoder):
        super().__init__()
        self.online = nn.Sequential(encoder, bn_mlp([encoder.dim, 512, 512, 128], last_bn=True))
        self.predictor = bn_mlp([128, 32, 128], last_bn=None)

    def fixed(self):
        return list(self.predictor.parameters())

    def query(self, x):
        return F.normalize(self.predictor(self.online(x)), dim=1)

    def base_loss(self, x1, x2, progress):
        z1, z2 = self.online(x1), self.online(x2)
        p1, p2 = (F.normalize(self.predictor(z), dim=1) for z in (z1, z2))
        t1, t2 = (F.normalize(z, dim=1).detach() for z in (z1, z2))
        loss = -(p1 * t2).sum(1).mean() / 2 - (p2 * t1).sum(1).mean() / 2
        score = lambda q: q @ t2.t()
        contrast = lambda q: -(q * t1).sum(1).mean() / 2 - (q * t2).sum(1).mean() / 2
        return loss, score(p1), score, contrast


class MoCoV3(Objective):
    """MoCo v3: online encoder + three-layer projector (512, 512, 128, BatchNorm after each) +
    predictor 128 -> 512 -> 128; momentum encoder = EMA with momentum rising from 0.99 to 1 on a
    cosine, updated before the keys as facebookresearch/moco-v3; loss ctr(q1, k2) + ctr(q2, k1),
    ctr = 2 tau CE over the batch's keys; CLSA candidates = the batch's momentum keys of view 2."""

    def __init__(self, encoder, tau=0.2, momentum=0.99):
        super().__init__()
        self.online = nn.Sequential(encoder, bn_mlp([encoder.dim, 512, 512, 128], last_bn=True))
        self.predictor = bn_mlp([128, 512, 128], last_bn=False)
        self.target = frozen_copy(self.online)
        self.tau, self.base_momentum = tau, momentum

    def query(self, x):
        return F.normalize(self.predictor(self.online(x)), dim=1)

    def base_loss(self, x1, x2, progress):
        q1, q2 = self.query(x1), self.query(x2)
        ema_(self.target, self.online, 1 - (1 - self.base_momentum) * (math.cos(math.pi * progress) + 1) / 2)
        with torch.no_grad():
            k1, k2 = (F.normalize(self.target(x), dim=1) for x in (x1, x2))
        labels = torch.arange(len(q1))
        ctr = lambda q, k: F.cross_entropy(q @ k.t() / self.tau, labels) * 2 * self.tau
        loss = ctr(q1, k2) + ctr(q2, k1)
        score = lambda q: q @ k2.t()
        contrast = lambda q: ctr(q, k1) + ctr(q, k2)
        return loss, score(q1), score, contrast


class Normalize(nn.Module):
    """Rows to unit length (DINO's bottleneck output)."""

    def forward(self, x):
        return F.normalize(x, dim=1)


class UnitRowsLinear(nn.Module):
    """x @ normalize(v)^T: weight_norm(nn.Linear(d, k, bias=False)) with its gain fixed at 1 (DINO's
    norm_last_layer), written out because torch's weight_norm module cannot be deep-copied."""

    def __init__(self, dim_in, units):
        super().__init__()
        self.v = nn.Parameter(nn.Linear(dim_in, units, bias=False).weight.detach().clone())

    def unit_rows(self):
        return F.normalize(self.v, dim=1)

    def forward(self, x):
        return x @ self.unit_rows().t()


class DINO(Objective):
    """DINO: student = encoder + head (512, 512, each Linear, BatchNorm, GELU; bottleneck 128,
    L2-normalised) + K prototypes (UnitRowsLinear); teacher = EMA of both, momentum 0.996 -> 1 on a
    cosine, after the optimiser step as facebookresearch/dino; the official DINOLoss over the two
    views: tau_s 0.1, tau_t per epoch linspace(0.04, 0.07, warmup)[epoch] then 0.07, the centre
    c <- 0.9 c + 0.1 mean(teacher outputs) after the step; the caller sets `epoch`. CLSA candidates =
    the prototypes (unit rows, detached): a query's similarities are the prototype layer's outputs."""

    def __init__(self, encoder, prototypes=4096, momentum=0.996, warmup_epochs=4, tau_s=0.1,
                 tau_t=0.07, warmup_tau_t=0.04, center_momentum=0.9):
        super().__init__()
        gelu = lambda a, b: [nn.Linear(a, b), nn.BatchNorm1d(b), nn.GELU()]
        self.online = nn.Sequential(encoder, nn.Sequential(*gelu(encoder.dim, 512), *gelu(512, 512),
                                                           nn.Linear(512, 128), Normalize()))
        self.prototypes = UnitRowsLinear(128, prototypes)
        self.target = frozen_copy(self.online)
        self.target_prototypes = frozen_copy(self.prototypes)
        self.register_buffer('center', torch.zeros(1, prototypes))
        self.base_momentum, self.m = momentum, momentum
        self.warmup_epochs, self.tau_s, self.tau_t, self.warmup_tau_t = warmup_epochs, tau_s, tau_t, warmup_tau_t
        self.center_momentum, self.epoch, self.teacher_out = center_momentum, 0, None

    def teacher_temperature(self):
        if self.epoch >= self.warmup_epochs:
            return self.tau_t
        return float(np.linspace(self.warmup_tau_t, self.tau_t, self.warmup_epochs)[self.epoch])

    def query(self, x):
        return self.online(x)

    def base_loss(self, x1, x2, progress):
        self.m = 1 - (1 - self.base_momentum) * (math.cos(math.pi * progress) + 1) / 2
        z1, z2 = self.online(x1), self.online(x2)
        with torch.no_grad():
            t1, t2 = (self.target_prototypes(self.target(x)) for x in (x1, x2))
        self.teacher_out = torch.cat([t1, t2])
        tau_t = self.teacher_temperature()
        q1, q2 = (F.softmax((t - self.center) / tau_t, dim=1) for t in (t1, t2))
        ce = lambda target, out: -(target * F.log_softmax(out / self.tau_s, dim=1)).sum(1).mean()
        loss = (ce(q2, self.prototypes(z1)) + ce(q1, self.prototypes(z2))) / 2
        rows = self.prototypes.unit_rows().detach()
        score = lambda q: q @ rows.t()
        contrast = lambda q: (ce(q1, score(q)) + ce(q2, score(q))) / 2
        return loss, score(z1), score, contrast

    @torch.no_grad()
    def after_step(self):
        ema_(self.target, self.online, self.m)
        ema_(self.target_prototypes, self.prototypes, self.m)
        self.center.mul_(self.center_momentum).add_(self.teacher_out.mean(0, keepdim=True),
                                                    alpha=1 - self.center_momentum)


class InstDisc(Objective):
    """InstDisc: one view; encoder + a linear head to 128, L2-normalised; a memory bank of a row per
    training image (uniform in +-1/sqrt(D/3), as lemniscate.pytorch); InfoNCE at tau 0.07 over the
    sample's own row and `negatives` rows drawn per step for the batch; after the step
    row <- normalize(0.5 row + 0.5 embedding). The caller sets `indices`, the batch's rows; the
    second view is not used. CLSA candidates = the own row, then the drawn rows."""

    def __init__(self, encoder, images, negatives=4096, tau=0.07, momentum=0.5):
        super().__init__()
        self.online = nn.Sequential(encoder, nn.Linear(encoder.dim, 128))
        bound = 1 / math.sqrt(128 / 3)
        self.register_buffer('bank', torch.rand(images, 128) * 2 * bound - bound)
        self.negatives, self.tau, self.momentum = negatives, tau, momentum
        self.indices, self.embeddings = None, None

    def query(self, x):
        return F.normalize(self.online(x), dim=1)

    def base_loss(self, x1, x2, progress):
        q = self.query(x1)
        own = self.bank[self.indices]
        drawn = self.bank[torch.randint(len(self.bank), (self.negatives,))]
        score = lambda z: torch.cat([(z * own).sum(1, keepdim=True), z @ drawn.t()], 1)
        contrast = lambda z: F.cross_entropy(score(z) / self.tau, torch.zeros(len(z), dtype=torch.long))
        self.embeddings = q.detach()
        return contrast(q), score(q), score, contrast

    @torch.no_grad()
    def after_step(self):
        rows = self.bank[self.indices] * self.momentum + self.embeddings * (1 - self.momentum)
        self.bank[self.indices] = F.normalize(rows, dim=1)


def zero_linear_biases_(module):
    """Linear biases to 0, as DJL's Linear initialises them (torch: U(-1/sqrt(fan_in), ...))."""
    for layer in module.modules():
        if isinstance(layer, nn.Linear) and layer.bias is not None:
            nn.init.zeros_(layer.bias)
    return module


def build_objective(base, width, in_channels=1, queue=4096, byol_ema_after_step=False,
                    zero_linear_bias=False, candidates='own', images=60000):
    """The objective `base` ('moco', 'simclr', 'byol', 'simsiam', 'mocov3', 'dino' or 'instdisc') on a fresh ResNet-18 of `width`.
    byol_ema_after_step, zero_linear_bias: the toolkit's behaviour (see BYOL, zero_linear_biases_);
    candidates: MoCo's, 'own' or 'batch'; images: InstDisc's bank rows."""
    encoder = ResNet18(width, in_channels)
    if base == 'moco':
        objective = MoCo(encoder, queue=queue, candidates=candidates)
    elif base == 'simclr':
        objective = SimCLR(encoder)
    elif base == 'byol':
        objective = BYOL(encoder, ema_after_step=byol_ema_after_step)
    elif base == 'simsiam':
        objective = SimSiam(encoder)
    elif base == 'mocov3':
        objective = MoCoV3(encoder)
    elif base == 'dino':
        objective = DINO(encoder)
    elif base == 'instdisc':
        objective = InstDisc(encoder, images)
    else:
        raise ValueError(f'unknown base {base!r}')
    if zero_linear_bias:
        zero_linear_biases_(objective)
        if base in ('moco', 'byol', 'mocov3', 'dino'):  # the target starts as a copy of the online branch
            objective.target.load_state_dict(objective.online.state_dict())
    return objective


def sgd(objective, lr):
    """SGD momentum 0.9, weight decay 5e-4 on every trainable parameter; the objective's `fixed()`
    parameters (SimSiam's predictor) in a group marked 'fixed', which the schedule leaves at `lr`."""
    fixed = objective.fixed() if hasattr(objective, 'fixed') else []
    ids = {id(p) for p in fixed}
    groups = [{'params': [p for p in objective.trainable() if id(p) not in ids]}]
    if fixed:
        groups.append({'params': fixed, 'fixed': True})
    return torch.optim.SGD(groups, lr=lr, momentum=0.9, weight_decay=5e-4)


# ---------------------------------------------------------------- the official CLSA crops

# maple-research-lab/CLSA cmd/run_single.sh and run_multi.sh: sides of a 224 px weak view
PAPER_SIDES = {'paper': ([], [96]), 'multicrop': ([192, 160, 128, 96], [224, 192, 160, 128, 96])}


def recipe_sides(recipe, size):
    """(extra weak query sides, strong view sides) in pixels for weak views of `size` px."""
    extra, strong = PAPER_SIDES[recipe]
    return [round(s / 224 * size) for s in extra], [round(s / 224 * size) for s in strong]


# ---------------------------------------------------------------- evaluation

@torch.no_grad()
def features(encoder, images, mean, std, batch=1000):
    """L2-normalised features of uint8 images (N, H, W), in eval mode."""
    encoder.eval()
    out = []
    for i in range(0, len(images), batch):
        x = torch.from_numpy(images[i:i + batch]).float().div(255).unsqueeze(1)
        out.append(F.normalize(encoder((x - mean) / std), dim=1))
    return torch.cat(out)


@torch.no_grad()
def knn_top1(memory, memory_labels, queries, query_labels, k=200, t=0.1, classes=10, batch=500):
    """Top-1 accuracy of the weighted kNN: the k most cosine-similar memory features vote for
    their labels with weight exp(s / t)."""
    memory_labels = torch.as_tensor(memory_labels)
    query_labels = torch.as_tensor(query_labels)
    k = min(k, len(memory))
    correct = 0
    for i in range(0, len(queries), batch):
        sims, idx = (queries[i:i + batch] @ memory.t()).topk(k, dim=1)
        votes = torch.zeros(len(sims), classes).scatter_add_(1, memory_labels[idx], (sims / t).exp())
        correct += (votes.argmax(1) == query_labels[i:i + batch]).sum().item()
    return correct / len(queries)
