"""Known-value fixtures for FrogNN, computed with PyTorch (float32, CPU).

Writes small JSON files into Tests/FrogNNTests/Fixtures/: every tensor as {"shape", "data"}.
Each case holds the inputs, the parameters, the forward output and, for an upstream gradient
`grad_output`, the gradients PyTorch's autograd computes.

usage: python Tests/Fixtures/generate/nn_fixtures.py   (from the repository root)
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "FrogNNTests", "Fixtures")
torch.manual_seed(20261123)


def t(x):
    x = x.detach().float().contiguous()
    return {"shape": list(x.shape), "data": [float(v) for v in x.flatten().tolist()]}


def save(name, case):
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(case, f, separators=(",", ":"))


def layer_case(name, module, x, extra=None):
    """Forward + backward of `module` at `x` with a random upstream gradient; `extra(module)`
    adds entries computed after the forward (such as updated running statistics)."""
    module.zero_grad(set_to_none=True)
    x = x.clone().requires_grad_(True)
    params = {k: t(v) for k, v in module.state_dict().items() if v.dtype == torch.float32}
    y = module(x)
    g = torch.randn_like(y)
    y.backward(g)
    case = {"input": t(x), "params": params, "output": t(y), "grad_output": t(g), "grad_input": t(x.grad),
            "grads": {k: t(p.grad) for k, p in module.named_parameters()}}
    case.update(extra(module) if extra else {})
    save(name, case)


# Convolutions: strided + padded (im2col path), same-padded single channel (direct path).
conv = nn.Conv2d(2, 3, 3, stride=2, padding=1)
layer_case("conv_strided", conv, torch.randn(2, 2, 7, 6))
conv1 = nn.Conv2d(1, 4, 3, padding=1)
layer_case("conv_single_channel", conv1, torch.randn(2, 1, 6, 8))
conv_valid = nn.Conv2d(3, 2, 2, stride=1, padding=0)
layer_case("conv_valid", conv_valid, torch.randn(2, 3, 5, 4))

layer_case("maxpool", nn.MaxPool2d(2), torch.randn(2, 3, 6, 5))
layer_case("maxpool_overlap", nn.MaxPool2d(3, stride=2), torch.randn(2, 2, 7, 7))
layer_case("avgpool", nn.AvgPool2d(2), torch.randn(2, 3, 6, 4))
layer_case("dense", nn.Linear(6, 4), torch.randn(3, 6))

# BatchNorm: training step (batch stats, running-average update), then evaluation.
bn = nn.BatchNorm2d(3)
with torch.no_grad():
    bn.weight.copy_(torch.randn(3))
    bn.bias.copy_(torch.randn(3))
    bn.running_mean.copy_(torch.randn(3))
    bn.running_var.copy_(torch.rand(3) + 0.5)
before = {"running_mean": t(bn.running_mean), "running_var": t(bn.running_var)}
bn.train()
layer_case("batchnorm_train", bn, torch.randn(4, 3, 3, 2) * 2 + 1,
           lambda m: {"running_before": before,
                      "running_after": {"running_mean": t(m.running_mean), "running_var": t(m.running_var)}})
bn.eval()
layer_case("batchnorm_eval", bn, torch.randn(2, 3, 2, 2))
bn1 = nn.BatchNorm1d(5)
with torch.no_grad():
    bn1.weight.copy_(torch.randn(5))
layer_case("batchnorm1d_train", bn1, torch.randn(6, 5))

# Losses from logits.
logits = torch.randn(6, 5) * 3
targets = torch.tensor([0, 3, 1, 4, 4, 2])
weights = torch.tensor([1.0, 2.0, 0.5, 1.5, 3.0])
cases = {}
for label, kw in {"plain": {}, "weighted": {"weight": weights},
                  "smoothed": {"label_smoothing": 0.1},
                  "weighted_smoothed": {"weight": weights, "label_smoothing": 0.2}}.items():
    x = logits.clone().requires_grad_(True)
    loss = F.cross_entropy(x, targets, **kw)
    loss.backward()
    cases[label] = {"loss": loss.item(), "grad": t(x.grad)}
soft = torch.softmax(torch.randn(6, 5), dim=1)
x = logits.clone().requires_grad_(True)
loss = F.cross_entropy(x, soft, weight=weights, label_smoothing=0.1)
loss.backward()
cases["soft_weighted_smoothed"] = {"loss": loss.item(), "grad": t(x.grad), "targets": t(soft)}
multi_logits = torch.randn(4, 3) * 4
multi_targets = (torch.rand(4, 3) < 0.4).float()
pos_weight = torch.tensor([1.0, 3.0, 0.5])
bce = {}
for label, kw in {"plain": {}, "pos_weight": {"pos_weight": pos_weight}}.items():
    x = multi_logits.clone().requires_grad_(True)
    loss = F.binary_cross_entropy_with_logits(x, multi_targets, **kw)
    loss.backward()
    bce[label] = {"loss": loss.item(), "grad": t(x.grad)}
save("losses", {"logits": t(logits), "targets": targets.tolist(), "weights": t(weights),
                "cross_entropy": cases, "multi_logits": t(multi_logits), "multi_targets": t(multi_targets),
                "pos_weight": t(pos_weight), "bce": bce})

# Optimisers: three steps on one parameter with a fixed sequence of gradients.
theta0 = torch.randn(2, 3)
grads = [torch.randn(2, 3) for _ in range(3)]
configs = {
    "sgd": (torch.optim.SGD, {"lr": 0.1}),
    "sgd_momentum_wd": (torch.optim.SGD, {"lr": 0.1, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01}),
    "sgd_nesterov": (torch.optim.SGD, {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
    "adam": (torch.optim.Adam, {"lr": 0.01}),
    "adam_wd": (torch.optim.Adam, {"lr": 0.01, "weight_decay": 0.1}),
    "adamw": (torch.optim.AdamW, {"lr": 0.01, "weight_decay": 0.1}),
    "rmsprop": (torch.optim.RMSprop, {"lr": 0.01}),
    "rmsprop_momentum_centered": (torch.optim.RMSprop, {"lr": 0.01, "momentum": 0.5, "centered": True,
                                                         "weight_decay": 0.01}),
}
optim_cases = {}
for label, (cls, kw) in configs.items():
    p = nn.Parameter(theta0.clone())
    opt = cls([p], **kw)
    steps = []
    for g in grads:
        p.grad = g.clone()
        opt.step()
        steps.append(t(p))
    optim_cases[label] = {"options": kw, "steps": steps}
save("optimizers", {"initial": t(theta0), "grads": [t(g) for g in grads], "cases": optim_cases})
print("wrote fixtures to", os.path.normpath(OUT), "with torch", torch.__version__)
