"""Where the state lives and how it is guarded.

``backend`` (protocols, LockInfo), ``local`` and ``s3`` (the backends), ``factory`` (config
settings -> backend), ``session`` (``locked_state``), ``codec`` (file format, upgrades,
sensitive digests), ``operations`` (what ``iac state ...`` does). See docs/state.md.
"""
