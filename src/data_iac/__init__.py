"""data-iac: Terraform-style infrastructure as code for Databricks and Dataiku DSS."""

from data_iac.addresses import Address
from data_iac.errors import DataIacError

__all__ = ["Address", "DataIacError", "__version__"]

__version__ = "0.1.0"
