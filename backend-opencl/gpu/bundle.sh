#!/usr/bin/env bash
# Packs what a GPU machine without a JDK or Maven needs to run the OpenCL engine's checks once: a jlink'ed
# JDK 25 runtime, the jars (tests included) and run.sh, in target/gpu-bundle, and that folder as
# target/gpu-bundle.tgz (about 30 MiB; the folder itself is about 80 MiB, mostly libjvm.so). Run it from
# any directory on the build machine; on the GPU machine, unpack the archive and run gpu-bundle/run.sh.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
# shellcheck source=.ci/find-jdk
. .ci/find-jdk
jdk=$(dab4j_find_jdk)
bundle=$root/target/gpu-bundle
junit=1.14.1

rm -rf "$bundle"
mkdir -p "$bundle/lib"
mvn -B -q -DskipTests -pl backend-opencl,models -am package dependency:copy-dependencies \
    -DincludeScope=test -DoutputDirectory="$bundle/lib"
cp models/target/dab4j-models-*.jar backend-opencl/target/dab4j-backend-opencl-*.jar "$bundle/lib/"
(cd backend-opencl/target/test-classes && "$jdk/bin/jar" cf "$bundle/lib/dab4j-backend-opencl-tests.jar" .)
# The console launcher carries its own JUnit; two copies of the Jupiter engine would clash.
rm -f "$bundle"/lib/junit-* "$bundle"/lib/opentest4j-* "$bundle"/lib/apiguardian-*
mvn -B -q dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:$junit \
    -DoutputDirectory="$bundle"
# aparapi-jni carries native libraries for every platform (19 MB); keep Linux x86-64's only.
python3 - "$bundle"/lib/aparapi-jni-*.jar <<'PY'
import sys, zipfile, os
path = sys.argv[1]
with zipfile.ZipFile(path) as src, zipfile.ZipFile(path + ".new", "w", zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        native = item.filename.startswith(("win/", "osx/", "linux/"))
        if not native or item.filename in ("linux/", "linux/libaparapi_x86_64.so"):
            dst.writestr(item, src.read(item.filename))
os.replace(path + ".new", path)
PY
"$jdk/bin/jlink" --add-modules java.base,java.logging,java.xml,java.desktop,java.management,jdk.unsupported,jdk.incubator.vector \
    --strip-java-debug-attributes --strip-native-debug-symbols=objcopy="$(command -v objcopy)" \
    --no-man-pages --no-header-files --compress=zip-9 --output "$bundle/runtime"
cp backend-opencl/gpu/run.sh "$bundle/run.sh"
chmod +x "$bundle/run.sh"
tar czf "$root/target/gpu-bundle.tgz" -C "$root/target" gpu-bundle
du -sh "$bundle" "$root/target/gpu-bundle.tgz"
