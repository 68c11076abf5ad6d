"""What ``iac migrate`` prints: the mapping from Terraform's instances to our addresses."""

from __future__ import annotations

from typing import Any

from data_iac.migrate.adopt import MigrationResult
from data_iac.migrate.mapping import MigrationMap

__all__ = ["mapping_json", "mapping_lines", "result_lines"]

Lines = list[tuple[str, str]]


def mapping_lines(mapping: MigrationMap, source: str, *, dry_run: bool) -> Lines:
    """The mapping, grouped: adopted, not declared, folded, other providers, to create."""
    verb = "Would adopt" if dry_run else "Adopting"
    lines: Lines = [(f"Terraform state {source}", "bold")]
    lines.append((f"{verb} {len(mapping.adopted)} object(s) the config declares:", "bold"))
    lines += [
        (f"  {a.address}  <-  {a.source.address} (id {a.remote_id})", "green")
        for a in mapping.adopted
    ]
    if mapping.undeclared:
        lines.append(("Managed by Terraform but not declared in the config (not adopted):", "bold"))
        lines += [(f"  {i.address} (id {i.id})", "yellow") for i in mapping.undeclared]
    if mapping.folded:
        lines.append(("Part of a declared resource (a group's members):", "bold"))
        lines += [(f"  {i.address} (id {i.id})", "") for i in mapping.folded]
    if mapping.foreign:
        lines.append(("Other providers' resources, left to Terraform:", "bold"))
        lines += [(f"  {i.address}", "dim") for i in mapping.foreign]
    if mapping.creates:
        lines.append(
            ("Declared but not in the Terraform state (the next plan creates them):", "bold")
        )
        lines += [(f"  {address}", "cyan") for address in mapping.creates]
    if dry_run:
        lines.append(("Dry run: nothing was read from the platforms or written.", "dim"))
    return lines


def result_lines(result: MigrationResult) -> Lines:
    lines: Lines = []
    for address in result.already_managed:
        lines.append((f"  {address} is already in state: left as it is", "dim"))
    for adoption in result.gone:
        lines.append(
            (f"  {adoption.address}: {adoption.remote_id} no longer exists; not adopted", "yellow")
        )
    where = f" (state serial {result.serial})" if result.serial is not None else ""
    lines.append((f"Migration complete: {len(result.adopted)} adopted{where}.", "bold green"))
    lines.append(("Run `iac plan` with the same -c and -e: it shows only real differences.", ""))
    return lines


def mapping_json(mapping: MigrationMap, result: MigrationResult | None) -> dict[str, Any]:
    document: dict[str, Any] = {
        "adopted": [
            {"address": str(a.address), "remote_id": a.remote_id, "terraform": a.source.address}
            for a in (result.adopted if result is not None else mapping.adopted)
        ],
        "undeclared": [{"terraform": i.address, "id": i.id} for i in mapping.undeclared],
        "folded": [{"terraform": i.address, "id": i.id} for i in mapping.folded],
        "foreign": [i.address for i in mapping.foreign],
        "creates": [str(a) for a in mapping.creates],
    }
    if result is not None:
        document["already_managed"] = [str(a) for a in result.already_managed]
        document["gone"] = [str(a.address) for a in result.gone]
    return document
