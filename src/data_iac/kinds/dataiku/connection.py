"""``dataiku_connection``: a connection of the DSS instance (admin), by name.

Datasets and managed folders name it in ``connection:``; declared in the same config, they
depend on it. DSS answers secret params encrypted (``DSSConnection.get_definition``,
dataikuapi/dss/admin.py), so secrets are written from ``credentials``, never read back:
write-only and sensitive (state and plans keep a salted digest). ``params`` is an open
document: only the keys the config writes are compared.
"""

from __future__ import annotations

from data_iac.config.dataiku.instance import build_connection
from data_iac.config.dataiku.schema import Connection
from data_iac.model.kind import KindSpec, Strategy

__all__ = ["SPEC"]

SPEC = KindSpec(
    kind="dataiku_connection",
    sections=("connections",),
    config_model=Connection,
    build=build_connection,
    immutable=frozenset({"name", "type"}),
    sensitive=frozenset({"credentials"}),
    write_only=frozenset({"credentials"}),
    unordered=frozenset({"allowed_groups"}),
    reasons={
        "credentials": "DSS answers secret params encrypted (DSSConnection.get_definition)",
        "type": "DSSConnectionSettings.save sends the definition back; DSS keeps the type",
    },
    identity=("name",),
    import_id="the connection name: `pg_main`",
    refresh=Strategy.READ,
    handler="data_iac.providers.dataiku.connections:ConnectionHandler",
)
