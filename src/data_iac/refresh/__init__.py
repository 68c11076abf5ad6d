"""Reading the live platforms: bulk refresh (bulk.py, scopes.py), drift (drift.py),
unmanaged objects (unmanaged.py) and state entries from live objects (adopt.py)."""

from data_iac.refresh.bulk import RefreshResult, bulk_refresh
from data_iac.refresh.drift import DriftReport, drift_report

__all__ = ["DriftReport", "RefreshResult", "bulk_refresh", "drift_report"]
