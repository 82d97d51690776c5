#!/usr/bin/env python3
"""The reference side of bench/compare.sh: OpenBLAS sgemm through numpy and the 10-sort DAB training step
in PyTorch-CPU, timed like the JMH results of the dab4j side, then printed next to them with each ratio.

Used only for this comparison; dab4j never depends on Python. Run it through bench/compare.sh, which runs
the JMH side first and pins both sides to the same thread count.
"""

import argparse
import ctypes
import json
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

LENGTH = 10
BATCH = 1024
HIDDEN = 128
LATENT = 256
GAMMA = 10.0
LEARNING_RATE = 1e-3
MARGIN = 0.5
BATCHES = 16

MATMUL_BENCHMARK = "org.dab4j.bench.MatmulBenchmark.matmul"
TRAIN_BENCHMARK = "org.dab4j.bench.TrainingStepBenchmark.trainStep"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--jmh", required=True, help="JMH JSON results of MatmulBenchmark and TrainingStepBenchmark.trainStep")
    p.add_argument("--threads", type=int, required=True, help="threads for OpenBLAS and PyTorch")
    p.add_argument("--warmup", type=int, default=5, help="untimed samples before the timed ones")
    p.add_argument("--samples", type=int, default=5, help="timed samples; the median is reported")
    p.add_argument("--sample-seconds", type=float, default=1.0, help="the least time one sample runs")
    p.add_argument("--json", help="also write the table as JSON to this file")
    return p.parse_args()


def median_rate(work, warmup, samples, seconds):
    """Runs work() in samples of at least `seconds` each; the median of calls per second over the timed samples."""
    rates = []
    for i in range(warmup + samples):
        calls = 0
        start = time.perf_counter()
        while True:
            work()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                break
        if i >= warmup:
            rates.append(calls / elapsed)
    return statistics.median(rates)


def openblas_core():
    """The OpenBLAS kernel numpy runs, read from the library loaded into this process."""
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "openblas" in line})
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            return "%s (%s, %d threads)" % (lib.openblas_get_corename().decode(), lib.openblas_get_config().decode(),
                                            lib.openblas_get_num_threads())
        except (OSError, AttributeError):
            continue
    return "unknown (no OpenBLAS library found in this process)"


def jmh_medians(path):
    """{(benchmark, shape param or None): median of the iteration scores, unit}."""
    with open(path) as f:
        runs = json.load(f)
    out = {}
    for run in runs:
        scores = [s for fork in run["primaryMetric"]["rawData"] for s in fork]
        key = (run["benchmark"], run.get("params", {}).get("shape"))
        out[key] = (statistics.median(scores), run["primaryMetric"]["scoreUnit"])
    return out


def parse_shape(text):
    flags, dims = text.split(":")
    m, k, n = (int(d) for d in dims.split("x"))
    return flags[0] == "T", flags[1] == "T", m, k, n


def numpy_matmul_gflops(shape, args):
    trans_a, trans_b, m, k, n = parse_shape(shape)
    rng = np.random.default_rng(1)
    a = rng.standard_normal((k, m) if trans_a else (m, k), dtype=np.float32)
    b = rng.standard_normal((n, k) if trans_b else (k, n), dtype=np.float32)
    # Transposed views reach sgemm as transpose flags, like dab4j's matmul flags: nothing is copied.
    op_a = a.T if trans_a else a
    op_b = b.T if trans_b else b
    c = np.empty((m, n), dtype=np.float32)
    rate = median_rate(lambda: np.matmul(op_a, op_b, out=c), args.warmup, args.samples, args.sample_seconds)
    return 2.0 * m * k * n * rate / 1e9


class HardSignum(torch.autograd.Function):
    """The DAB bridge (DESIGN.md): outputs h(x) = signum with margin; backward maps the gradient to x through
    g's Jacobian at the detached copy x' of x. g's output is an input (without gradient) so that the engine
    runs this node before it walks g's graph for the DAB loss."""

    @staticmethod
    def forward(ctx, x, soft, detached):
        ctx.soft = soft
        ctx.detached = detached
        return (x > MARGIN).float() - (x < -MARGIN).float()

    @staticmethod
    def backward(ctx, grad):
        with torch.enable_grad():
            (dx,) = torch.autograd.grad(ctx.soft, ctx.detached, grad, retain_graph=True)
        return dx, None, None


class SortModel(torch.nn.Module):
    """dab4j's SortModel: N -> 128 -> 128 -> 256 (tanh each), a DAB bridge around signum with margin 0.5 with
    the approximator 256 -> 128 -> 128 -> 256 (tanh between layers), and a linear head 256 -> N*N."""

    def __init__(self):
        super().__init__()
        self.encoder = torch.nn.ModuleList([torch.nn.Linear(LENGTH, HIDDEN), torch.nn.Linear(HIDDEN, HIDDEN),
                                            torch.nn.Linear(HIDDEN, LATENT)])
        self.approximator = torch.nn.ModuleList([torch.nn.Linear(LATENT, HIDDEN), torch.nn.Linear(HIDDEN, HIDDEN),
                                                 torch.nn.Linear(HIDDEN, LATENT)])
        self.head = torch.nn.Linear(LATENT, LENGTH * LENGTH)
        for layer in self.modules():
            if isinstance(layer, torch.nn.Linear):
                torch.nn.init.xavier_uniform_(layer.weight)
                torch.nn.init.zeros_(layer.bias)

    def forward(self, x):
        for layer in self.encoder:
            x = torch.tanh(layer(x))
        detached = x.detach().requires_grad_(True)
        soft = detached
        for i, layer in enumerate(self.approximator):
            soft = layer(soft)
            if i + 1 < len(self.approximator):
                soft = torch.tanh(soft)
        codes = HardSignum.apply(x, soft, detached)
        dab_loss = (soft - codes.detach()).square().sum(1).mean()
        return self.head(codes).view(-1, LENGTH, LENGTH), dab_loss


def torch_training_samples_per_second(args):
    torch.manual_seed(1)
    model = SortModel()
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    inputs = [torch.rand(BATCH, LENGTH) for _ in range(BATCHES)]
    targets = [torch.argsort(x, dim=1) for x in inputs]
    step = [0]

    def train_step():
        i = step[0] % BATCHES
        step[0] += 1
        logits, dab_loss = model(inputs[i])
        task = F.cross_entropy(logits.reshape(-1, LENGTH), targets[i].reshape(-1), reduction="sum") / BATCH
        total = task + GAMMA * dab_loss
        optimizer.zero_grad()
        total.backward()
        optimizer.step()
        return total.item()

    return BATCH * median_rate(train_step, args.warmup, args.samples, 2 * args.sample_seconds)


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    ours = jmh_medians(args.jmh)
    rows = []
    print("OpenBLAS: %s" % openblas_core())
    print("PyTorch %s, %d threads; numpy %s" % (torch.__version__, torch.get_num_threads(), np.__version__))
    print()
    print("%-22s %14s %14s %7s" % ("matmul FLAGS:MxKxN", "dab4j GFLOP/s", "OpenBLAS", "ratio"))
    for (benchmark, shape), (score, unit) in sorted(ours.items(), key=lambda e: (e[0][0], e[0][1] or "")):
        if benchmark != MATMUL_BENCHMARK:
            continue
        if unit != "us/op":
            sys.exit("compare_torch.py: expected matmul scores in us/op, got " + unit)
        _, _, m, k, n = parse_shape(shape)
        dab4j = 2.0 * m * k * n / (score * 1e-6) / 1e9
        blas = numpy_matmul_gflops(shape, args)
        rows.append({"what": "matmul " + shape, "dab4j": dab4j, "reference": blas, "unit": "GFLOP/s",
                     "ratio": dab4j / blas})
        print("%-22s %14.1f %14.1f %7.2f" % (shape, dab4j, blas, dab4j / blas))
    train = ours.get((TRAIN_BENCHMARK, None))
    if train is not None:
        score, unit = train
        if unit != "ops/s":
            sys.exit("compare_torch.py: expected the training step in ops/s (samples/s), got " + unit)
        reference = torch_training_samples_per_second(args)
        rows.append({"what": "10-sort DAB training step, batch 1024", "dab4j": score, "reference": reference,
                     "unit": "samples/s", "ratio": score / reference})
        print()
        print("%-22s %14s %14s %7s" % ("10-sort DAB step", "dab4j", "PyTorch-CPU", "ratio"))
        print("%-22s %14.0f %14.0f %7.2f" % ("samples/s", score, reference, score / reference))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=2)


if __name__ == "__main__":
    main()
