"""A tiny typed registry: built-in backends register exactly the way a plugin would.

Plugins advertise backends through a Python entry point group (``newsfuse.embedders``,
…); built-ins are listed under the same groups in newsfuse's own pyproject, so there is one
lookup path and no special case.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Generic, TypeVar

from newsfuse.errors import ConfigError

T = TypeVar("T")


class Registry(Generic[T]):
    """Named factories for one kind of backend, filled from an entry point group."""

    def __init__(self, group: str, kind: str) -> None:
        self.group = group
        self.kind = kind
        self._factories: dict[str, Callable[[], T]] = {}
        self._loaded = False

    def register(self, name: str, factory: Callable[[], T]) -> None:
        self._factories[name] = factory

    def names(self) -> list[str]:
        self._load()
        return sorted(self._factories)

    def create(self, name: str) -> T:
        self._load()
        try:
            factory = self._factories[name]
        except KeyError:
            choices = ", ".join(self.names()) or "none"
            raise ConfigError(f"unknown {self.kind} {name!r}; choose one of: {choices}") from None
        return factory()

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        for ep in entry_points(group=self.group):
            self._factories.setdefault(ep.name, ep.load())
