"""Which Terraform instance is which of our resources: a pure function of the config and the
Terraform state.

An instance is matched to a declared resource, in this order: by our remote id computed
from the spec (a catalog's name, a schema's ``catalog.schema``, a notebook's path ...), by the
Terraform resource name equal to our key (Laktory names Terraform resources after stack
keys), then by a unique name attribute (a job's ``name``, a group's ``display_name``) for
kinds whose ids the server sets. References inside specs resolve from the attributes of the
instance their target matched, so a permissions entry finds its job once the job is matched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from data_iac.addresses import Address
from data_iac.migrate.terraform_kinds import by_kind, by_type
from data_iac.migrate.tfstate import TerraformInstance
from data_iac.model.provider_ids import ROUTING_FIELD, scoped_id
from data_iac.model.references import find_references, resolve_references
from data_iac.model.resource import Resource
from data_iac.model.terraform import TerraformType

__all__ = ["Adoption", "MigrationMap", "map_terraform_state"]


@dataclass(frozen=True, slots=True)
class Adoption:
    """A declared resource and the Terraform instance that manages the same object."""

    address: Address
    remote_id: str
    source: TerraformInstance


@dataclass(frozen=True, slots=True)
class MigrationMap:
    """What ``iac migrate terraform`` will do, before it reads or writes anything.

    - ``adopted``: declared resources found in Terraform's state, with our remote id;
    - ``creates``: declared resources Terraform does not manage (the next plan creates them);
    - ``undeclared``: Databricks instances the config does not declare (listed, not adopted);
    - ``folded``: instances that live inside one of our resources (a group's members, one
      principal's ``databricks_grant`` of a securable whose grants we adopted);
    - ``foreign``: instances of other providers (cloud resources), left to Terraform;
    - ``ambiguous``: declared resources that several instances could be (same name).
    """

    adopted: tuple[Adoption, ...]
    creates: tuple[Address, ...]
    undeclared: tuple[TerraformInstance, ...]
    folded: tuple[TerraformInstance, ...]
    foreign: tuple[TerraformInstance, ...]
    ambiguous: tuple[tuple[Address, tuple[TerraformInstance, ...]], ...] = ()


class _Index:
    """Unclaimed instances by (kind, remote id), by (kind, Terraform name), by (kind, name)."""

    def __init__(self, instances: Iterable[tuple[TerraformType, TerraformInstance]]) -> None:
        self.by_id: dict[tuple[str, str], TerraformInstance] = {}
        self.by_key: dict[tuple[str, str], list[TerraformInstance]] = defaultdict(list)
        self.by_name: dict[tuple[str, str], list[TerraformInstance]] = defaultdict(list)
        for facts, instance in instances:
            self.by_id[(facts.kind, facts.remote_id(instance.attributes).lower())] = instance
            self.by_key[(facts.kind, instance.name)].append(instance)
            if facts.match_by:
                value = str(instance.attributes.get(facts.match_by[1]) or "")
                self.by_name[(facts.kind, value)].append(instance)
        self.claimed: set[int] = set()

    def take(self, instance: TerraformInstance | None) -> TerraformInstance | None:
        if instance is None or id(instance) in self.claimed:
            return None
        self.claimed.add(id(instance))
        return instance

    def free(self, found: list[TerraformInstance]) -> list[TerraformInstance]:
        return [i for i in found if id(i) not in self.claimed]


def map_terraform_state(
    resources: Mapping[Address, Resource], instances: Iterable[TerraformInstance]
) -> MigrationMap:
    """Match every instance to at most one declared resource, and say what is left over."""
    mapped, folded, undeclared_types, foreign = _sort_instances(instances)
    index = _Index(mapped)
    matched: dict[Address, TerraformInstance] = {}
    pending = {a: r for a, r in resources.items() if by_kind(a.kind) is not None}
    progress = True
    while pending and progress:
        progress = False
        for address in sorted(pending, key=str):
            found = _match(pending[address], index, matched)
            if found is not None:
                matched[address] = found
                del pending[address]
                progress = True
    ambiguous = []
    for address in sorted(pending, key=str):
        candidates = _candidates(pending[address], index, matched)
        if len(candidates) > 1:
            ambiguous.append((address, tuple(candidates)))
    adopted = tuple(
        Adoption(a, _remote_id(resources[a], i), i)
        for a, i in sorted(matched.items(), key=lambda m: str(m[0]))
    )
    taken = {(a.address.kind, a.remote_id.lower()) for a in adopted}
    leftover: list[TerraformInstance] = []
    pieces: list[TerraformInstance] = []
    for facts, instance in mapped:
        if id(instance) in index.claimed:
            continue
        same_object = (facts.kind, facts.remote_id(instance.attributes).lower()) in taken
        folded_away = by_type(instance.type)[1] is not None
        (pieces if same_object or folded_away else leftover).append(instance)
    return MigrationMap(
        adopted=adopted,
        creates=tuple(sorted((a for a in resources if a not in matched), key=str)),
        undeclared=tuple(sorted([*leftover, *undeclared_types], key=lambda i: i.address)),
        folded=tuple([*folded, *pieces]),
        foreign=tuple(foreign),
        ambiguous=tuple(ambiguous),
    )


def _sort_instances(
    instances: Iterable[TerraformInstance],
) -> tuple[
    list[tuple[TerraformType, TerraformInstance]],
    list[TerraformInstance],
    list[TerraformInstance],
    list[TerraformInstance],
]:
    mapped, folded, unknown, foreign = [], [], [], []
    for instance in instances:
        facts, folded_into = by_type(instance.type)
        if facts is not None:
            mapped.append((facts, instance))
        elif folded_into is not None:
            folded.append(instance)
        elif instance.type.startswith("databricks_"):
            unknown.append(instance)
        else:
            foreign.append(instance)
    return mapped, folded, unknown, foreign


def _match(
    resource: Resource, index: _Index, matched: Mapping[Address, TerraformInstance]
) -> TerraformInstance | None:
    facts = by_kind(resource.address.kind)
    assert facts is not None
    spec = _resolved(resource.spec, matched)
    if spec is None:
        return None  # waits for a referenced resource to be matched first
    kind = facts.kind
    if facts.spec_id is not None:
        natural = facts.spec_id(spec).lower()
        return index.take(index.by_id.get((kind, natural))) if natural else None
    candidates = _candidates(resource, index, matched)
    return index.take(candidates[0]) if len(candidates) == 1 else None


def _candidates(
    resource: Resource, index: _Index, matched: Mapping[Address, TerraformInstance]
) -> list[TerraformInstance]:
    """Instances a resource with a server-set id may be: by Terraform name, else by name."""
    facts = by_kind(resource.address.kind)
    spec = _resolved(resource.spec, matched)
    if facts is None or facts.spec_id is not None or spec is None:
        return []
    by_key = index.free(index.by_key.get((facts.kind, resource.address.key), []))
    if by_key or not facts.match_by:
        return by_key
    name = str(spec.get(facts.match_by[0]) or "")
    return index.free(index.by_name.get((facts.kind, name), [])) if name else []


def _resolved(
    spec: Mapping[str, Any], matched: Mapping[Address, TerraformInstance]
) -> Mapping[str, Any] | None:
    """The spec with references replaced by the matched targets' attributes, or None while
    a target is not matched yet."""
    if any(address not in matched for address, _ in find_references(spec)):
        return None

    def lookup(address: Address, attr: str) -> Any:
        value: Any = matched[address].attributes
        for part in attr.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        return value

    resolved: Mapping[str, Any] = resolve_references(spec, lookup)
    return resolved


def _remote_id(resource: Resource, instance: TerraformInstance) -> str:
    """Our remote id: the provider's id, scoped by the named provider the resource is
    reached through (an account group is ``databricks.account|<id>`` in our state)."""
    facts = by_kind(resource.address.kind)
    assert facts is not None
    provider = resource.spec.get(ROUTING_FIELD)
    return scoped_id(str(provider) if provider else None, facts.remote_id(instance.attributes))
