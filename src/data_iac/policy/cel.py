"""CEL (Common Expression Language) through ``cel-python``, imported only when a policy
runs; without it, an error that says how to install it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from data_iac.errors import DataIacError

__all__ = ["Compiled", "compile_expression", "evaluate"]

_INSTALL = "pip install 'data-iac[policy]'  (or: pip install cel-python)"


def _celpy() -> Any:
    try:
        import celpy
    except ImportError as exc:
        raise DataIacError(
            "policies need the CEL package `cel-python`, which is not installed", hint=_INSTALL
        ) from exc
    return celpy


@dataclass(frozen=True, slots=True)
class Compiled:
    """One compiled expression and its source text."""

    source: str
    program: Any


def compile_expression(source: str) -> Compiled:
    """Compile ``source``; ValueError with the parser's words when it is not CEL."""
    celpy = _celpy()
    env = celpy.Environment()
    try:
        return Compiled(source, env.program(env.compile(source)))
    except celpy.CELParseError as exc:
        raise ValueError(" ".join(str(exc).split())) from exc


def evaluate(compiled: Compiled, activation: dict[str, Any]) -> bool | str:
    """True or False; the error text when the expression cannot be evaluated here."""
    celpy = _celpy()
    names = {name: celpy.json_to_cel(value) for name, value in activation.items()}
    try:
        result = compiled.program.evaluate(names)
    except celpy.CELEvalError as exc:
        return _reason(exc)
    if isinstance(result, celpy.CELEvalError):
        return _reason(result)
    if isinstance(result, bool | celpy.celtypes.BoolType):
        return bool(result)
    return f"the expression gave {result!r}, not true or false"


def _reason(exc: Any) -> str:
    args = getattr(exc, "args", ())
    return str(args[0]) if args else str(exc)
