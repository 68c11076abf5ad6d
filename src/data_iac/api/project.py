"""``data_iac.load(...)`` -> ``Project``: the Python face of every ``iac`` command.

A Project is one config in one environment. Loading validates (raising
``ConfigValidationError`` with every problem); ``data_iac.validate`` returns the problems
instead. The state backend and the embedded emulator open on first use and close with
``close()`` (or the ``with`` block). Nothing here prints: every call returns a value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import ExitStack
from pathlib import Path

from data_iac.addresses import Address
from data_iac.api.progress import CancellationToken
from data_iac.apply.hooks import ApplyHooks
from data_iac.apply.result import ApplyResult
from data_iac.config import LoadedConfig
from data_iac.errors import ConfigError, DependencyCycleError, Diagnostic
from data_iac.generate.databricks import Generated
from data_iac.model.plan import Plan
from data_iac.model.resource import DesiredState
from data_iac.model.state import ResourceState
from data_iac.operations.adoption import adopt_objects, import_object
from data_iac.operations.generation import GenerateRequest, connected_handlers, generate_document
from data_iac.operations.inspect import RefreshOutcome, find_drift, read_state, refresh_state
from data_iac.operations.loading import load_config
from data_iac.operations.session import ApplySettings, state_session
from data_iac.operations.state_ops import StateOps
from data_iac.operations.workspace import Workspace, open_loaded
from data_iac.planning.graph import build_graph, topological_order
from data_iac.refresh.drift import DriftReport

__all__ = ["Project", "load", "validate"]


def load(
    config: str | Path,
    env: str = "default",
    *,
    emulator: bool = False,
    workdir: str | Path | None = None,
) -> Project:
    """Load, template and validate the config at ``config`` for environment ``env``.

    ``emulator``: every provider goes to the embedded emulator (as ``--emulator``).
    ``workdir``: where ``.iac/`` (local state, emulator data) lives; default the working
    directory. Raises ``ConfigError`` (``ConfigValidationError`` carries every problem).
    """
    loaded = load_config(config, env)
    topological_order(build_graph(loaded.desired))
    return Project(loaded, emulator=emulator, workdir=workdir)


def validate(config: str | Path, env: str = "default") -> list[Diagnostic]:
    """Every problem in the config (empty when it is valid); no network, nothing raised for
    a bad config."""
    try:
        load(config, env)
    except ConfigError as exc:
        return list(exc.diagnostics) or [exc.as_diagnostic()]
    except DependencyCycleError as exc:
        return [Diagnostic(exc.summary, location=exc.location, hint=exc.hint)]
    return []


class Project:
    """One config in one environment: plan, apply, refresh, drift, import, generate, state.

    Example::

        project = data_iac.load("project.yml", env="prod")
        plan = project.plan()
        result = project.apply(plan)
    """

    def __init__(
        self, config: LoadedConfig, *, emulator: bool = False, workdir: str | Path | None = None
    ) -> None:
        self.config = config
        self._emulator = emulator
        self._workdir = None if workdir is None else Path(workdir)
        self._stack = ExitStack()
        self._workspace: Workspace | None = None

    # -- what the config says ---------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def environment(self) -> str:
        return self.config.environment

    @property
    def desired(self) -> DesiredState:
        """The resources the config asks for, with their specs and dependencies."""
        return self.config.desired

    # -- plan and apply ---------------------------------------------------------------------

    def plan(
        self,
        *,
        refresh: bool = True,
        destroy: bool = False,
        targets: Iterable[Address | str] = (),
    ) -> Plan:
        """What apply would change (an empty plan when nothing): reads live objects first
        unless ``refresh=False``; recovers an interrupted run's journal like ``iac plan``."""
        wanted = frozenset(_address(t) for t in targets)
        with state_session(self.workspace, "plan", persist=False) as session:
            return session.plan(refresh=refresh, destroy=destroy, targets=wanted)

    def apply(
        self,
        plan: Plan | None = None,
        *,
        parallelism: int = 10,
        rollback: bool = True,
        action_timeout: float | None = 600.0,
        progress: ApplyHooks | None = None,
        cancel: CancellationToken | None = None,
        lock_timeout: float = 0.0,
    ) -> ApplyResult:
        """Apply ``plan`` (made by ``plan()``; a fresh plan when None).

        A plan made before the state changed is refused (``StalePlanError``). Never raises
        for a failed action: ``result.ok`` says whether every action held, and unless
        ``rollback=False`` a failed apply's changes were undone (``result.rollback``).
        """
        settings = ApplySettings(parallelism, rollback, action_timeout)
        with state_session(
            self.workspace, "apply", persist=True, lock_timeout=lock_timeout
        ) as session:
            ready = session.plan() if plan is None else session.use_saved(plan)
            if ready.is_empty:
                return ApplyResult((), session.state)
            return session.apply(ready, settings, progress=progress, cancel=cancel)

    def destroy(
        self, *, progress: ApplyHooks | None = None, cancel: CancellationToken | None = None
    ) -> ApplyResult:
        """Delete everything this config manages (no confirmation: you are asking)."""
        with state_session(self.workspace, "destroy", persist=True) as session:
            ready = session.plan(destroy=True)
            if ready.is_empty:
                return ApplyResult((), session.state)
            return session.apply(ready, progress=progress, cancel=cancel)

    # -- live objects -----------------------------------------------------------------------

    def refresh(self, *, parallelism: int = 16) -> RefreshOutcome:
        """Re-record every managed object from the platforms, changing nothing on them."""
        return refresh_state(self.workspace, parallelism)

    def drift(self, *, unmanaged: bool = False) -> DriftReport:
        """Managed objects changed or deleted outside data-iac (no lock taken)."""
        return find_drift(self.workspace, read_state(self.workspace), unmanaged=unmanaged)

    def import_resource(self, address: Address | str, remote_id: str) -> ResourceState:
        """Adopt the existing object ``remote_id`` into state as ``address``."""
        return import_object(self.workspace, _address(address), remote_id)

    def generate(
        self,
        *,
        project_key: str | None = None,
        kind: str | None = None,
        filters: Mapping[str, str | None] | None = None,
        adopt: bool = False,
    ) -> Generated:
        """Config for live objects: a whole DSS project (``project_key``) or Databricks
        objects of one ``kind``; with ``adopt`` they are imported into this state."""
        request = GenerateRequest(project_key, kind, dict(filters or {}))
        generated = generate_document(connected_handlers(self.workspace, request), request)
        if adopt:
            adopt_objects(self.workspace, generated.adopted)
        return generated

    @property
    def state(self) -> StateOps:
        """The state operations: list, show, move, forget, pull, push, unlock."""
        return StateOps(self.workspace.backend, self.environment)

    # -- lifetime ---------------------------------------------------------------------------

    @property
    def workspace(self) -> Workspace:
        """The opened state backend (and emulator), opened on first use."""
        if self._workspace is None:
            self._workspace = self._stack.enter_context(
                open_loaded(self.config, emulator=self._emulator, cwd=self._workdir)
            )
        return self._workspace

    def close(self) -> None:
        """Stop the embedded emulator (if started) and release what was opened."""
        self._workspace = None
        self._stack.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _address(value: Address | str) -> Address:
    if isinstance(value, Address):
        return value
    try:
        return Address.parse(value)
    except ValueError as exc:
        raise ConfigError(str(exc), hint="an address looks like dataiku_dataset.KEY.NAME") from exc
