"""The workflows between the CLI (or the Python API) and the engine.

Each operation opens what it needs through a ``Workspace`` (config, state backend, emulator,
provider handlers), runs the engine and returns values; none prints or exits. The CLI parses
options, calls these and renders what they return; ``data_iac.Project`` calls the same ones.

- session.py: the state lock, journal recovery, ``moved:`` renames, plan, apply + rollback;
- saved_plans.py: saved plans, the stale-plan check, secrets restored at apply time;
- adoption.py: import one object, adopt many (``generate --import``), never twice;
- inspect.py: drift and refresh;
- generation.py: live objects -> config documents;
- workspace.py: the I/O an operation opens once.
"""
