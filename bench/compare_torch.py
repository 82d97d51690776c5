#!/usr/bin/env python3
"""The driver of bench/compare.sh: for each matmul shape of MatmulBenchmark, then for the 10-sort DAB
training step, it runs dab4j's JMH benchmark (one fork, through bench/run-jmh) and right after it the same
work in the reference (OpenBLAS sgemm through numpy, the same model in PyTorch-CPU), timed like JMH, and
prints the two with their ratio.

Used only for this comparison; dab4j never depends on Python. Run it through bench/compare.sh, which builds
the benchmarks and pins both sides to the same thread count.
"""

import argparse
import ctypes
import json
import os
import re
import statistics
import subprocess
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


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--run-jmh", required=True, help="bench/run-jmh, which runs dab4j's JMH benchmarks")
    p.add_argument("--backend", default="vector", help="the dab4j backend to benchmark")
    p.add_argument("--threads", type=int, required=True, help="threads for dab4j, OpenBLAS and PyTorch")
    p.add_argument("--out", required=True, help="directory for the JMH results and logs (jmh-*.json, jmh-*.log)")
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


def jmh_median(path):
    """The median of the iteration scores of the one benchmark in a JMH JSON result file, and its unit."""
    with open(path) as f:
        runs = json.load(f)
    if len(runs) != 1:
        sys.exit("compare_torch.py: expected one benchmark in %s, found %d" % (path, len(runs)))
    metric = runs[0]["primaryMetric"]
    return statistics.median(s for fork in metric["rawData"] for s in fork), metric["scoreUnit"]


def run_jmh(args, label, pattern, params):
    """Runs one dab4j benchmark (pattern, with the JMH parameters params) in one JMH fork; its median and unit."""
    results = os.path.join(args.out, "jmh-%s.json" % label)
    log = os.path.join(args.out, "jmh-%s.log" % label)
    command = [args.run_jmh, pattern, "-p", "backend=" + args.backend]
    for param in params:
        command += ["-p", param]
    command += ["-jvmArgsAppend", "-Ddab4j.bench.threads=%d" % args.threads, "-rf", "json", "-rff", results]
    with open(log, "w") as f:
        status = subprocess.run(command, stdout=f, stderr=subprocess.STDOUT).returncode
    if status != 0:
        with open(log) as f:
            sys.stderr.write("".join(f.readlines()[-40:]))
        sys.exit("compare_torch.py: the JMH run of %s failed (log above, whole log in %s)" % (label, log))
    return jmh_median(results)


def matmul_shapes(run_jmh_path):
    """The shape parameter values of MatmulBenchmark, as JMH lists them (-lp)."""
    listing = subprocess.run([run_jmh_path, "-lp", "MatmulBenchmark.matmul$"], capture_output=True, text=True)
    found = re.search(r'param "shape" = \{([^}]*)\}', listing.stdout)
    if listing.returncode != 0 or found is None:
        sys.stderr.write(listing.stdout + listing.stderr)
        sys.exit("compare_torch.py: could not list MatmulBenchmark's shapes with %s -lp" % run_jmh_path)
    return [shape.strip() for shape in found.group(1).split(",")]


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
    os.makedirs(args.out, exist_ok=True)
    rows = []
    print("OpenBLAS: %s" % openblas_core())
    print("PyTorch %s, %d threads; numpy %s; dab4j backend %s, %d threads"
          % (torch.__version__, torch.get_num_threads(), np.__version__, args.backend, args.threads))
    print()
    print("%-22s %14s %14s %7s" % ("matmul FLAGS:MxKxN", "dab4j GFLOP/s", "OpenBLAS", "ratio"), flush=True)
    for shape in matmul_shapes(args.run_jmh):
        score, unit = run_jmh(args, "matmul-" + shape.replace(":", "-"), "MatmulBenchmark.matmul$",
                              ["shape=" + shape])
        if unit != "us/op":
            sys.exit("compare_torch.py: expected matmul scores in us/op, got " + unit)
        _, _, m, k, n = parse_shape(shape)
        dab4j = 2.0 * m * k * n / (score * 1e-6) / 1e9
        blas = numpy_matmul_gflops(shape, args)
        rows.append({"what": "matmul " + shape, "dab4j": dab4j, "reference": blas, "unit": "GFLOP/s",
                     "ratio": dab4j / blas})
        print("%-22s %14.1f %14.1f %7.2f" % (shape, dab4j, blas, dab4j / blas), flush=True)
    score, unit = run_jmh(args, "trainStep", "TrainingStepBenchmark.trainStep$", [])
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
