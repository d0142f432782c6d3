"""Cross-checks the golden SimSiam, MoCo v3 and DINO values against solo-learn's losses.

Feeds the inputs of golden/loss/frameworks.json (SimSiam, MoCo v3) and every step of
golden/loss/official_dino.json to solo-learn's `solo/losses/simsiam.py`, `mocov3.py` and `dino.py`,
composed as solo-learn's methods compose them (SimSiam: `loss(p1, z2) / 2 + loss(p2, z1) / 2`;
MoCo v3: `loss(q1, k2) + loss(q2, k1)`), and prints the largest differences from the golden values.
Only those three files are loaded, from a folder SOLO laid out as the package; their one import of
solo-learn's utilities, `concat_all_gather_no_grad`, is the identity for one process and is given
as such.

Run: /usr/bin/python3 benchmarks/reference/crosscheck_solo_learn.py SOLO toolkit-api/src/test/resources/golden/loss
"""
import json
import sys
import types

import torch

sys.path.insert(0, sys.argv[1])
misc = types.ModuleType("solo.utils.misc")
misc.concat_all_gather_no_grad = lambda tensor: tensor  # one process: the gather is the identity
sys.modules["solo.utils.misc"] = misc
from solo.losses.dino import DINOLoss  # noqa: E402  (the peer's code, from the folder given)
from solo.losses.mocov3 import mocov3_loss_func  # noqa: E402
from solo.losses.simsiam import simsiam_loss_func  # noqa: E402

golden = sys.argv[2]
frameworks = json.load(open(golden + "/frameworks.json"))
t = lambda rows: torch.tensor(rows, dtype=torch.float64, requires_grad=True)


def worst(grads, expected):
    return max(float((g - torch.tensor(e, dtype=torch.float64)).abs().max()) for g, e in zip(grads, expected))


s = frameworks["simsiam"]
p1, p2, z1, z2 = (t(s["inputs"][k]) for k in ("p1", "p2", "z1", "z2"))
loss = simsiam_loss_func(p1, z2) / 2 + simsiam_loss_func(p2, z1) / 2
loss.backward()
print(f"simsiam largest |solo-learn - golden|: loss {abs(float(loss) - s['loss']):.1e}, "
      f"gradients {worst([p1.grad, p2.grad], [s['grad_p1'], s['grad_p2']]):.1e}")

m = frameworks["mocov3"]
q1, q2, k1, k2 = (t(m["inputs"][k]) for k in ("q1", "q2", "k1", "k2"))
loss = mocov3_loss_func(q1, k2.detach(), m["temperature"]) + mocov3_loss_func(q2, k1.detach(), m["temperature"])
loss.backward()
print(f"mocov3 largest |solo-learn - golden|: loss {abs(float(loss) - m['loss']):.1e}, "
      f"gradients {worst([q1.grad, q2.grad], [m['grad_q1'], m['grad_q2']]):.1e}")

dino = json.load(open(golden + "/official_dino.json"))
for name, case in dino["cases"].items():
    loss_gap = grad_gap = center_gap = 0.0
    for step in case["steps"]:
        crops, k = case["crops"], len(step["center_before"])
        loss_fn = DINOLoss(k, 0.04, 0.07, 3, 5, student_temp=dino["student_temperature"], num_large_crops=crops,
                           center_momentum=dino["center_momentum"]).double()
        loss_fn.epoch = step["epoch"]
        loss_fn.center = torch.tensor([step["center_before"]], dtype=torch.float64)
        student = t([row for block in step["student"] for row in block])
        teacher = torch.tensor([row for block in step["teacher"] for row in block], dtype=torch.float64)
        loss = loss_fn(student, teacher)
        loss.backward()
        loss_gap = max(loss_gap, abs(float(loss) - step["loss"]))
        grad_gap = max(grad_gap, worst([student.grad], [[row for block in step["grad_student"] for row in block]]))
        center_gap = max(center_gap, float((loss_fn.center[0] - torch.tensor(step["center_after"], dtype=torch.float64)).abs().max()))
    print(f"dino {name} largest |solo-learn - official|: loss {loss_gap:.1e}, gradients {grad_gap:.1e}, "
          f"centre {center_gap:.1e}")
