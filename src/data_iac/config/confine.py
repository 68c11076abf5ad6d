"""Which local files a config may make us read: those under its project root.

A config can name local files: ``!use`` / ``!extend`` includes, a notebook's or workspace
file's ``source``, and any other path field a kind reads. A config that came from a pull
request must not be able to pull ``~/.databrickscfg`` or ``/etc/passwd`` into a plan that
is posted as a comment, so every such path must resolve (symbolic links followed) to a
file under the *project root*: the Git work tree that holds the config, else the config's
own directory (a file's parent, or the directory given with ``-c``).

More directories can be allowed explicitly, never from the config itself: the command-line
option ``--allow-path DIR`` (repeatable; ``allow_paths`` sets it for the command), and the
``IAC_ALLOW_PATHS`` environment variable, a list of directories separated by ``os.pathsep``
(``:`` on Linux and macOS). Both add to the project root; neither replaces it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ALLOW_PATHS_VARIABLE", "AllowedRoots", "allow_paths", "project_root"]

ALLOW_PATHS_VARIABLE = "IAC_ALLOW_PATHS"
_option_paths: ContextVar[tuple[Path, ...]] = ContextVar("allow_path_option", default=())


def allow_paths(directories: Iterable[str | Path]) -> None:
    """The directories ``--allow-path`` names, for the command running in this context
    (each command sets them, so an earlier command's never carry over)."""
    _option_paths.set(tuple(Path(d).expanduser() for d in directories))


def project_root(config: Path) -> Path:
    """The Git work tree holding ``config`` (a file or a directory), else its directory."""
    start = config.resolve()
    directory = start if start.is_dir() else start.parent
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return directory


@dataclass(frozen=True, slots=True)
class AllowedRoots:
    """The directories local files may be read from (resolved, absolute)."""

    roots: tuple[Path, ...]

    @classmethod
    def for_config(
        cls, config: Path, environ: Mapping[str, str] | None = None, extra: Iterable[Path] = ()
    ) -> AllowedRoots:
        """The project root of ``config``, plus ``extra``, ``--allow-path`` and
        ``IAC_ALLOW_PATHS``."""
        listed = (environ if environ is not None else os.environ).get(ALLOW_PATHS_VARIABLE, "")
        more = [Path(p).expanduser() for p in listed.split(os.pathsep) if p.strip()]
        given = [*extra, *_option_paths.get(), *more]
        roots = [project_root(config), *(p.resolve() for p in given)]
        return cls(tuple(dict.fromkeys(roots)))

    @classmethod
    def anywhere(cls) -> AllowedRoots:
        """No restriction (the filesystem root): for callers that read trusted files only."""
        return cls((Path(Path.cwd().anchor),))

    def allows(self, target: Path) -> bool:
        """Whether ``target`` (resolved) lies under one of the roots."""
        resolved = target.resolve()
        return any(resolved.is_relative_to(root) for root in self.roots)

    def refusal(self, target: Path) -> str | None:
        """None when ``target`` may be read, else the message saying why not."""
        if self.allows(target):
            return None
        where = " or ".join(str(root) for root in self.roots)
        return f"{target.resolve()} is outside the project root ({where})"

    @staticmethod
    def hint() -> str:
        return (
            "a config may only read files under its project root (its Git work tree, else "
            "its directory); to allow another directory, pass --allow-path DIR or set "
            f"{ALLOW_PATHS_VARIABLE}"
        )
