"""User functions from installed packages: ``func_name: lake.with_last_modified``.

The package must be an installed distribution (``importlib.metadata`` knows it, and the module
is imported from that installation): a folder of the same name in the working directory is
never imported. Two shapes of package work:

- a plain function ``with_last_modified(df, ...)`` in module ``lake``;
- a package written for Laktory, as its quickstart's ``lake``: it does ``import laktory as lk``
  and registers a class with ``@lk.api.register_anyframe_namespace("lake")``; Laktory then
  calls ``df.lake.with_last_modified()``. While such a package is imported, ``laktory`` is a
  small stand-in (``_stand_in``) whose ``api.register_*_namespace`` decorators record the
  class here instead of patching narwhals; the step calls ``Class(df).<function>(...)``. The
  stand-in has nothing else: a package that uses more of Laktory gets a clear error. When the
  real Laktory is already imported, its registration is used as it is.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import sys
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from data_iac.errors import PipelineError

__all__ = ["load_package_function"]

_FRAME_NAMESPACES: dict[str, type] = {}
_FRAME_KINDS = ("anyframe", "dataframe", "lazyframe", "spark_dataframe")
_OTHER_KINDS = ("expr", "spark_column")


def _recorder(kind: str) -> Callable[[str], Callable[[type], type]]:
    def register(name: str) -> Callable[[type], type]:
        def wrapper(cls: type) -> type:
            if kind in _FRAME_KINDS:
                _FRAME_NAMESPACES[name] = cls
            return cls

        return wrapper

    register.__name__ = f"register_{kind}_namespace"
    return register


def _stand_in() -> tuple[types.ModuleType, types.ModuleType]:
    laktory = types.ModuleType("laktory", "data-iac's stand-in for Laktory's namespace API")
    api = types.ModuleType("laktory.api")
    for kind in (*_FRAME_KINDS, *_OTHER_KINDS):
        setattr(api, f"register_{kind}_namespace", _recorder(kind))
    laktory.api = api  # type: ignore[attr-defined]
    return laktory, api


@contextmanager
def _laktory_stand_in() -> Iterator[None]:
    if "laktory" in sys.modules:  # the real Laktory is loaded: its registration works
        yield
        return
    laktory, api = _stand_in()
    sys.modules["laktory"], sys.modules["laktory.api"] = laktory, api
    try:
        yield
    finally:
        for name in ("laktory", "laktory.api"):
            sys.modules.pop(name, None)


def _installed_module(package: str) -> types.ModuleType:
    top = package.split(".")[0]
    distributions = importlib.metadata.packages_distributions().get(top)
    spec = importlib.util.find_spec(top)
    if not distributions or spec is None or spec.origin is None:
        raise PipelineError(
            f"package {top!r} is not installed",
            hint=f"pip install the package that provides {top!r}; pipelines never import "
            "code from a folder",
        )
    root = Path(str(importlib.metadata.distribution(distributions[0]).locate_file(""))).resolve()
    if not Path(spec.origin).resolve().is_relative_to(root):
        raise PipelineError(
            f"{top!r} would be imported from {spec.origin}, not from its installation",
            hint="run from a directory that does not contain a folder of that name",
        )
    try:
        with _laktory_stand_in():
            return importlib.import_module(package)
    except (ImportError, AttributeError) as exc:
        raise PipelineError(
            f"importing {package!r} failed: {exc}",
            hint="a package written for Laktory may only use laktory.api.register_*_namespace "
            "here; plain functions taking a narwhals frame work everywhere",
        ) from exc


def load_package_function(package: str, function: str) -> Callable[..., Any]:
    """``package.function`` (or the ``package`` namespace's method) of an installed package.

    Raises:
        PipelineError: the package is not installed, is shadowed by a folder outside its
            installation, or has no such function.
    """
    module = _installed_module(package)
    found = getattr(module, function, None)
    if callable(found):
        return found  # type: ignore[no-any-return]
    namespace = package.split(".")[-1]
    recorded = _FRAME_NAMESPACES.get(namespace)
    if recorded is not None and callable(getattr(recorded, function, None)):
        return lambda df, *args, **kwargs: getattr(recorded(df), function)(*args, **kwargs)
    if "laktory" in sys.modules:  # registered by the real Laktory on narwhals' classes

        def call(df: Any, *args: Any, **kwargs: Any) -> Any:
            space = getattr(df, namespace, None)
            if space is None or not callable(getattr(space, function, None)):
                raise PipelineError(f"{package} has no function {function!r}")
            return getattr(space, function)(*args, **kwargs)

        return call
    raise PipelineError(f"{package} has no function {function!r}")
