"""A local emulator of the Databricks and Dataiku DSS REST APIs, strict enough to test against."""

from data_iac.emulator.server import Emulator, EmulatorOptions, RequestRecord

__all__ = ["Emulator", "EmulatorOptions", "RequestRecord"]
