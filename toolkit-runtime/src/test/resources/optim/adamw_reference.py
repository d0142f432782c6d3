"""torch.optim.AdamW on AdamWTest's problem; prints the parameters after each step.

Usage: /usr/bin/python3 adamw_reference.py WEIGHT_DECAY PEAK_LR LR1,LR2,...

Two parameters start at a = [1, -2, 3] and b = [0.5, 0.25]; the loss is
sum(c * a**2 + d * a) + sum(e * b**3), with c, d, e as below. a follows the schedule's rates, b
(held, as SimSiam's predictor) the peak rate, in two parameter groups of one AdamW at PyTorch's
defaults. One line per step: "step N a ... b ...".
"""
import sys

import torch

decay, peak = float(sys.argv[1]), float(sys.argv[2])
rates = [float(r) for r in sys.argv[3].split(",")]
a = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
b = torch.tensor([0.5, 0.25], requires_grad=True)
c, d, e = torch.tensor([0.5, 1.0, 2.0]), torch.tensor([1.0, -1.0, 0.5]), torch.tensor([3.0, -1.0])
optimizer = torch.optim.AdamW([{"params": [a]}, {"params": [b], "lr": peak}], lr=rates[0], weight_decay=decay)
for step, rate in enumerate(rates, 1):
    optimizer.param_groups[0]["lr"] = rate
    optimizer.zero_grad()
    (torch.sum(c * a ** 2 + d * a) + torch.sum(e * b ** 3)).backward()
    optimizer.step()
    print("step", step, "a", *a.tolist(), "b", *b.tolist())
