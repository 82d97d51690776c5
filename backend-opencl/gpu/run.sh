#!/usr/bin/env bash
# Runs on the GPU machine, from the bundle bundle.sh made: lists the OpenCL devices, runs the OpenCL
# conformance suite, gradient checks and engine tests (required, not skippable), then the sort training of
# docs/opencl.md on opencl and on vector, and compares their loss curves. Results go to $OUT (or ./out).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${OUT:-$here/out}
mkdir -p "$out"
java=("$here/runtime/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
      --sun-misc-unsafe-memory-access=allow -Djava.awt.headless=true)
classpath=$(printf '%s:' "$here"/lib/*.jar)
export DAB4J_REQUIRE_OPENCL=1

(nvidia-smi; clinfo -l) > "$out/devices.txt" 2>&1
"${java[@]}" -cp "$classpath" org.dab4j.models.cli.Dab4jCli backends > "$out/backends.txt" 2>&1
echo "backends: exit $?" | tee "$out/status.txt"

"${java[@]}" -jar "$here"/junit-platform-console-standalone-*.jar execute --class-path "$classpath" \
    --select-package org.dab4j.backend.opencl --reports-dir "$out/junit" --details summary > "$out/tests.txt" 2>&1
echo "OpenCL tests: exit $?" | tee -a "$out/status.txt"

for backend in opencl vector; do
    "${java[@]}" -cp "$classpath" org.dab4j.models.cli.Dab4jCli sort --backend "$backend" --length 5 --steps 300 \
        --seed 1 --out "$out/sort-$backend" > "$out/sort-$backend.log" 2>&1
    echo "sort on $backend: exit $?" | tee -a "$out/status.txt"
done
paste -d, "$out/sort-opencl/metrics.csv" "$out/sort-vector/metrics.csv" > "$out/metrics-side-by-side.csv"
tail -n 3 "$out/tests.txt" "$out/sort-opencl.log" "$out/sort-vector.log"
