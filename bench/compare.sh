#!/usr/bin/env bash
# The comparison command: in one go on this machine, dab4j's matmul (JMH, MatmulBenchmark) against
# OpenBLAS through numpy at the same shapes, and dab4j's 10-sort DAB training step (JMH,
# TrainingStepBenchmark.trainStep) against the same model in PyTorch-CPU, all on the same number of
# threads; prints each ratio as soon as both sides of it are measured. The two sides of a ratio run back to
# back (one JMH fork for that benchmark, then the reference), so that a slow spell of a shared host, which
# lasts tens of seconds, is less likely to fall on one side of a ratio only. Needs python3 with numpy and
# torch (Debian: python3-numpy python3-torch); Python is used for this comparison only.
#   bench/compare.sh                      # vector engine, 2 threads, results in bench/target/compare/
# Environment: DAB4J_COMPARE_THREADS (default 2), DAB4J_COMPARE_BACKEND (default vector),
# PYTHON (default python3), DAB4J_BENCH_SKIP_BUILD=1 to run what was built last.
set -euo pipefail

script=$(readlink -f "${BASH_SOURCE[0]}" 2>/dev/null || printf '%s' "${BASH_SOURCE[0]}")
bench=$(cd "$(dirname "$script")" && pwd)
threads=${DAB4J_COMPARE_THREADS:-2}
backend=${DAB4J_COMPARE_BACKEND:-vector}
python=${PYTHON:-python3}
out=$bench/target/compare

# A python3 earlier on PATH (pyenv, a virtualenv) may lack Debian's numpy and torch: fall back to the system one.
if [[ -z ${PYTHON:-} ]] && ! "$python" -c 'import numpy, torch' 2>/dev/null && [[ -x /usr/bin/python3 ]]; then
    python=/usr/bin/python3
fi
if ! "$python" -c 'import numpy, torch' 2>/dev/null; then
    echo "compare.sh: $python cannot import numpy and torch; install them (Debian: apt-get install python3-numpy python3-torch) or set PYTHON" >&2
    exit 1
fi
mkdir -p "$out"
rm -f "$out"/jmh-*.json "$out"/jmh-*.log

if [[ ${DAB4J_BENCH_SKIP_BUILD:-0} != 1 ]]; then
    echo "compare.sh: building the benchmarks ..." >&2
    "$bench/run-jmh" -l >/dev/null
fi

echo "compare.sh: backend $backend against numpy/OpenBLAS and PyTorch-CPU, $threads threads each ..." >&2
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, where set, pin OpenBLAS to an older kernel: unset them here only,
# so that numpy runs the kernel OpenBLAS picks for this CPU (compare_torch.py prints which). The JMH runs
# that compare_torch.py starts use what was just built.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" \
    DAB4J_BENCH_SKIP_BUILD=1 \
    "$python" "$bench/compare_torch.py" --run-jmh "$bench/run-jmh" --backend "$backend" --threads "$threads" \
    --out "$out" --json "$out/compare.json" | tee "$out/compare.txt"
