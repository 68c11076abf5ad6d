"""One handler per ``dataiku_*`` kind, all sharing one DSS connection."""

from __future__ import annotations

from data_iac.providers.base import ResourceHandler
from data_iac.providers.dataiku.client import DssConnection
from data_iac.providers.dataiku.datasets import DatasetHandler
from data_iac.providers.dataiku.managed_folders import ManagedFolderHandler
from data_iac.providers.dataiku.projects import ProjectHandler
from data_iac.providers.dataiku.recipes import RecipeHandler
from data_iac.providers.dataiku.scenarios import ScenarioHandler
from data_iac.providers.dataiku.zones import ZoneHandler

__all__ = ["handlers_for"]


def handlers_for(conn: DssConnection) -> dict[str, ResourceHandler]:
    """Every DSS kind's handler, keyed by kind name."""
    return {
        "dataiku_project": ProjectHandler(conn),
        "dataiku_dataset": DatasetHandler(conn),
        "dataiku_recipe": RecipeHandler(conn),
        "dataiku_scenario": ScenarioHandler(conn),
        "dataiku_managed_folder": ManagedFolderHandler(conn),
        "dataiku_zone": ZoneHandler(conn),
    }
