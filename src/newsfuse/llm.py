"""LLM backends: a small Protocol, a registry, and a client for OpenAI-compatible servers.

newsfuse never needs an LLM: every stage has a model-free path. An LLM is an option for
people who run one (Ollama, vLLM, llama.cpp's server, a hosted API), reached over HTTP.
Backends register under the ``newsfuse.llms`` entry point group, the built-in ``openai``
client exactly as a plugin would: the entry point names a function returning a
:class:`LLMBackend`, which ``get_llm`` calls with the server's URL and model name.
"""

from __future__ import annotations

import os
from typing import Any, Protocol

from newsfuse.errors import BackendUnavailable, ConfigError, LLMError
from newsfuse.registry import Registry

DEFAULT_TIMEOUT = 120.0  # seconds; a small local model on two cores answers in a few
LLM_HINT = "install the LLM extra: pip install 'newsfuse[llm]'"


class LLM(Protocol):
    """Something that completes a chat prompt."""

    name: str

    def complete(self, prompt: str, *, system: str | None = None, max_tokens: int = 200,
                 temperature: float = 0.0) -> str:
        """The model's answer to ``prompt`` (one user turn after an optional system turn)."""
        ...


class LLMBackend(Protocol):
    """Makes an :class:`LLM` for a server URL and a model name (None: the server's own)."""

    def __call__(self, url: str, model: str | None) -> LLM: ...


llms: Registry[LLMBackend] = Registry("newsfuse.llms", "LLM backend")


def get_llm(url: str, model: str | None = None, *, backend: str = "openai") -> LLM:
    """The LLM served at ``url`` through ``backend`` (default: an OpenAI-compatible API)."""
    return llms.create(backend)(url, model)


def openai_backend() -> LLMBackend:
    """The built-in backend (registered in pyproject as ``openai``)."""
    return OpenAICompatible


class OpenAICompatible:
    """A ``/v1/chat/completions`` server: OpenAI, Ollama, vLLM, llama.cpp, LM Studio.

    ``url`` is the server's base URL, with or without the ``/v1`` suffix. The API key, when
    the server wants one, comes from ``NEWSFUSE_LLM_API_KEY`` (or ``OPENAI_API_KEY``), never
    from the command line, where it would land in shell history.
    """

    def __init__(self, url: str, model: str | None = None, *,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"--llm must be an http(s) URL such as http://127.0.0.1:8080/v1, "
                              f"not {url!r}")
        base = url.rstrip("/")
        self.endpoint = f"{base if base.endswith('/v1') else base + '/v1'}/chat/completions"
        self.model = model
        self.name = f"openai:{model or 'default'}@{base}"
        self.timeout = timeout
        self._key = os.environ.get("NEWSFUSE_LLM_API_KEY") or os.environ.get("OPENAI_API_KEY")

    def complete(self, prompt: str, *, system: str | None = None, max_tokens: int = 200,
                 temperature: float = 0.0) -> str:
        messages = [{"role": "system", "content": system}] if system else []
        messages.append({"role": "user", "content": prompt})
        body: dict[str, Any] = {"messages": messages, "max_tokens": max_tokens,
                                "temperature": temperature}
        if self.model:
            body["model"] = self.model
        return _answer(self._post(body), self.endpoint)

    def _post(self, body: dict[str, Any]) -> Any:
        try:
            import httpx
        except ImportError as exc:
            raise BackendUnavailable(f"httpx is not installed: {LLM_HINT}") from exc
        headers = {"Authorization": f"Bearer {self._key}"} if self._key else {}
        try:
            response = httpx.post(self.endpoint, json=body, headers=headers,
                                  timeout=self.timeout)
        except httpx.HTTPError as exc:
            raise LLMError(
                f"cannot reach the LLM server at {self.endpoint} ({exc.__class__.__name__}: "
                f"{exc}); start it, check --llm, or leave --llm out") from exc
        if response.status_code != 200:
            raise LLMError(
                f"the LLM server at {self.endpoint} answered HTTP {response.status_code}: "
                f"{response.text[:200]!r}; check --llm and --llm-model")
        try:
            return response.json()
        except ValueError as exc:
            raise LLMError(
                f"the LLM server at {self.endpoint} did not answer JSON; is it an "
                f"OpenAI-compatible API?") from exc


def _answer(data: Any, endpoint: str) -> str:
    try:
        content = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as exc:
        raise LLMError(
            f"the LLM server at {endpoint} answered without choices[0].message.content; "
            f"is it an OpenAI-compatible chat API?") from exc
    return str(content or "")
