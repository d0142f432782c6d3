"""Golden values of DINO's loss, centre and teacher-temperature schedule, for the toolkit's tests.

Computed by running the official code, facebookresearch/dino (`main_dino.py`'s `DINOLoss`), on
fixed seeded float64 inputs; nothing of it is copied into the toolkit. Its `update_center` calls
`torch.distributed.all_reduce`; for one process that is the identity, so the script replaces it
(and `get_world_size`) with the one-process values instead of starting a process group.

Inputs are the prototype layer's outputs (N = 4 samples, K = 6 prototypes): `student` has one
N x K block per crop (two global crops first, then the local ones), `teacher` one per global crop.
Two consecutive steps are run on one `DINOLoss`, so the second uses the centre the first left:
- step 0 at epoch 0 (teacher temperature 0.04, the centre still zero);
- step 1 at epoch 1 (mid warm-up: linspace(0.04, 0.07, 3)[1] = 0.055), with the gradient of the
  loss with respect to the student's outputs.
Cases: `global_only` (2 crops) and `multi_crop` (2 global + 2 local).

Run (with the files of facebookresearch/dino at commit COMMIT in the folder DINO):
  /usr/bin/python3 benchmarks/reference/golden_dino.py DINO COMMIT > \
    toolkit-api/src/test/resources/golden/loss/official_dino.json
"""
import json
import sys

import torch

sys.argv, DINO, COMMIT = [sys.argv[0]], sys.argv[1], sys.argv[2]
sys.path.insert(0, DINO)
import main_dino  # noqa: E402  (the official code, from the checkout)

main_dino.dist.all_reduce = lambda tensor: None
main_dino.dist.get_world_size = lambda: 1

N, K = 4, 6
STUDENT_TEMP, CENTER_MOMENTUM = 0.1, 0.9
WARMUP_TEMP, TEACHER_TEMP, WARMUP_EPOCHS, EPOCHS = 0.04, 0.07, 3, 5


def rows(t):
    return [[float(v) for v in row] for row in t.detach().reshape(-1, t.shape[-1])]


def blocks(t, count):
    return [rows(b) for b in t.detach().chunk(count)]


def case(crops):
    torch.manual_seed(21 + crops)
    loss_fn = main_dino.DINOLoss(K, crops, WARMUP_TEMP, TEACHER_TEMP, WARMUP_EPOCHS, EPOCHS,
                                 student_temp=STUDENT_TEMP, center_momentum=CENTER_MOMENTUM).double()
    steps = []
    for epoch in (0, 1):
        student = torch.randn(crops * N, K, dtype=torch.float64).requires_grad_()
        teacher = torch.randn(2 * N, K, dtype=torch.float64)
        center_before = loss_fn.center.clone()
        loss = loss_fn(student, teacher, epoch)
        loss.backward()
        steps.append({
            "epoch": epoch,
            "teacher_temperature": float(loss_fn.teacher_temp_schedule[epoch]),
            "student": blocks(student, crops), "teacher": blocks(teacher, 2),
            "center_before": rows(center_before)[0],
            "loss": float(loss),
            "grad_student": blocks(student.grad, crops),
            "center_after": rows(loss_fn.center)[0],
        })
    return {"crops": crops, "steps": steps}


print(json.dumps({
    "note": "computed by benchmarks/reference/golden_dino.py running facebookresearch/dino main_dino.py DINOLoss"
            + " at " + COMMIT + " (PyTorch " + torch.__version__ + ", float64)",
    "student_temperature": STUDENT_TEMP, "center_momentum": CENTER_MOMENTUM,
    "teacher_temperature_schedule": {"warmup": WARMUP_TEMP, "final": TEACHER_TEMP, "warmup_epochs": WARMUP_EPOCHS,
                                     "epochs": EPOCHS, "values": [float(v) for v in main_dino.DINOLoss(
                                         K, 2, WARMUP_TEMP, TEACHER_TEMP, WARMUP_EPOCHS, EPOCHS).teacher_temp_schedule]},
    "cases": {"global_only": case(2), "multi_crop": case(4)},
}, indent=1))
