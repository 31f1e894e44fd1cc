"""Known values for FrogNN's recurrent layers, computed with PyTorch.

For nn.LSTM and nn.GRU (bidirectional, batch_first, one layer) on a small random input this
writes, as JSON (shape + flat row-major data, float32 values printed as float64):
  input, every parameter under PyTorch's name (weight_ih_l0, ..., bias_hh_l0_reverse),
  the output sequence (N x T x 2H) and h_n arranged as FrogNN's "last" output (N x 2H),
  and for two scalar losses  L_seq = sum(output * probe_seq)  and  L_last = sum(h_n * probe_last)
  the gradients d/d(input) and d/d(every parameter).

usage: python nn_recurrent_fixtures.py OUTDIR   (writes bilstm.json, bigru.json)
"""
import json
import sys
from pathlib import Path

import torch
import torch.nn as nn

N, T, F, H = 3, 7, 5, 6  # H = 6 is not a multiple of 8: the Swift kernels' tail path runs too


def tensor_json(t):
    t = t.detach().to(torch.float32)
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def case(cell, seed):
    torch.manual_seed(seed)
    rnn = cell(F, H, batch_first=True, bidirectional=True)
    x = torch.randn(N, T, F)
    probe_seq = torch.randn(N, T, 2 * H)
    probe_last = torch.randn(N, 2 * H)
    result = {"torch_version": torch.__version__, "sizes": {"batch": N, "steps": T, "features": F, "hidden": H},
              "input": tensor_json(x), "probe_sequence": tensor_json(probe_seq),
              "probe_last": tensor_json(probe_last),
              "parameters": {name: tensor_json(p) for name, p in rnn.named_parameters()}}

    for mode, probe in (("sequence", probe_seq), ("last", probe_last)):
        rnn.zero_grad()
        xi = x.clone().requires_grad_(True)
        out, state = rnn(xi)
        h_n = state[0] if isinstance(state, tuple) else state  # [2, N, H]
        last = torch.cat([h_n[0], h_n[1]], dim=1)  # [N, 2H] = [forward final, backward final]
        y = out if mode == "sequence" else last
        (y * probe).sum().backward()
        result[mode] = {"output": tensor_json(y), "grad_input": tensor_json(xi.grad),
                        "grad_parameters": {name: tensor_json(p.grad) for name, p in rnn.named_parameters()}}
    return result


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, cell, seed in (("bilstm", nn.LSTM, 11), ("bigru", nn.GRU, 12)):
        (out / f"{name}.json").write_text(json.dumps(case(cell, seed)))
        print("wrote", out / f"{name}.json")


if __name__ == "__main__":
    main()
