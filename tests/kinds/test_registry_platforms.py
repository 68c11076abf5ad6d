"""The registry loads one platform's records at a time (kinds/__init__.py)."""

from __future__ import annotations

from data_iac.kinds import all_specs, children_of, find_spec, specs_of


def test_every_child_is_on_its_parents_platform() -> None:
    """``children_of`` looks a kind's children up on the kind's own platform: that holds
    only if no record has a parent on the other platform."""
    for spec in all_specs().values():
        if spec.parent:
            parent = find_spec(spec.parent)
            assert parent is not None, spec.kind
            assert parent.platform == spec.platform, spec.kind


def test_per_platform_lookups_agree_with_the_whole_registry() -> None:
    every = all_specs()
    for platform in ("dataiku", "databricks"):
        assert [s.kind for s in specs_of(platform)] == sorted(
            k for k, s in every.items() if s.platform == platform
        )
    for kind in every:
        assert find_spec(kind) is every[kind]
        assert [c.kind for c in children_of(kind)] == sorted(
            k for k, s in every.items() if s.parent == kind
        )
