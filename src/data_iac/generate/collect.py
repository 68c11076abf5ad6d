"""Read what ``iac generate`` writes: a whole DSS project, or Databricks objects by kind
and filter. The only I/O of the generate package; every listing goes through a handler."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from data_iac.addresses import Address
from data_iac.config.dataiku.desired import project_kind
from data_iac.errors import ResourceNotFound
from data_iac.kinds import children_of
from data_iac.model.resource import Observed
from data_iac.providers.base import ResourceHandler

__all__ = ["Collected", "collect_project"]


@dataclass
class Collected:
    """Live objects by kind, each with the address ``iac import`` adopts it as."""

    objects: dict[str, list[tuple[Address, Observed]]] = field(default_factory=dict)

    def of(self, kind: str) -> list[Observed]:
        return [observed for _, observed in self.objects.get(kind, [])]

    def addressed(self) -> list[tuple[Address, Observed]]:
        return [pair for kind in sorted(self.objects) for pair in self.objects[kind]]


def collect_project(handlers: Mapping[str, ResourceHandler], key: str) -> Collected:
    """The project ``key`` and everything in it (recipes with their code).

    Raises:
        ResourceNotFound: there is no such project.
    """
    container = project_kind()  # everything else is found as its children
    address = Address(container, key)
    project = handlers[container].read(address, key)
    if project is None:
        raise ResourceNotFound(
            f"DSS has no project {key!r}",
            platform="dataiku",
            hint="project keys are upper case; check `--project`",
        )
    scope = {"project_key": key}

    def listing(kind: str) -> list[tuple[Address, Observed]]:
        return [(Address(kind, o.remote_id), o) for _, o in handlers[kind].list(scope)]

    children = [spec.kind for spec in children_of(container) if spec.kind in handlers]
    with ThreadPoolExecutor(max_workers=max(1, len(children))) as pool:
        lists = list(pool.map(listing, children))
    collected = Collected({container: [(address, project)]})
    collected.objects.update(zip(children, lists, strict=True))
    return collected
