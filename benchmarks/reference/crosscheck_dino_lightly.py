"""Cross-checks golden/loss/official_dino.json (the official DINO code's values) against lightly's DINOLoss.

Feeds every step of the golden file's cases to lightly's `lightly/loss/dino_loss.py` (with the
step's teacher temperature, its centre set to the step's `center_before`) and prints the largest
differences from the official code's loss, student gradients and centre. Only the two files the loss
needs are loaded (`lightly/loss/dino_loss.py`, `lightly/models/modules/center.py`, in a folder
LIGHTLY laid out as the package), so the rest of lightly and its dependencies are not needed.

Run: /usr/bin/python3 benchmarks/reference/crosscheck_dino_lightly.py LIGHTLY \
       toolkit-api/src/test/resources/golden/loss/official_dino.json
"""
import json
import sys

import torch

sys.path.insert(0, sys.argv[1])
from lightly.loss.dino_loss import DINOLoss  # noqa: E402  (the peer's code, from the folder given)

golden = json.load(open(sys.argv[2]))
for name, case in golden["cases"].items():
    worst = {"loss": 0.0, "grad_student": 0.0, "center_after": 0.0}
    for step in case["steps"]:
        student = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for b in step["student"]]
        teacher = [torch.tensor(b, dtype=torch.float64) for b in step["teacher"]]
        loss_fn = DINOLoss(output_dim=len(step["center_before"]), student_temp=golden["student_temperature"],
                           center_momentum=golden["center_momentum"]).double()
        loss_fn.center.data = torch.tensor(step["center_before"], dtype=torch.float64).reshape(1, 1, -1)
        loss = loss_fn(teacher, student, teacher_temp=step["teacher_temperature"])
        loss.backward()
        worst["loss"] = max(worst["loss"], abs(float(loss) - step["loss"]))
        for s, g in zip(student, step["grad_student"]):
            worst["grad_student"] = max(worst["grad_student"], float((s.grad - torch.tensor(g)).abs().max()))
        center = torch.tensor(step["center_after"], dtype=torch.float64)
        worst["center_after"] = max(worst["center_after"], float((loss_fn.center.reshape(-1) - center).abs().max()))
    print(name, "largest |lightly - official|:", ", ".join(f"{k} {v:.1e}" for k, v in worst.items()))
