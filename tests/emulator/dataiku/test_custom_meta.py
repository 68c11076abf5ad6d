"""Every taggable DSS object carries ``customMeta: {"kv": {...}}``, in its listing as in its
settings: dataikuapi's list items (``DSSTaggableObjectListItem`` in ``dss/utils.py``) wrap
the raw documents, and its recipe code generator copies ``"customMeta": {"kv": {}}`` as a
field every recipe definition has (``dss/tools/codegen.py``, dataiku-api-client-python at
65fe055d)."""

from __future__ import annotations

from typing import Any


def test_list_items_carry_custom_meta(project: Any) -> None:
    project.create_dataset(
        "raw", "Filesystem", params={"connection": "filesystem_managed", "path": "/DEMO/raw"}
    )
    project.create_scenario("nightly", "step_based")
    project.create_managed_folder("files")
    project.new_recipe("python", "clean").with_input("raw").with_new_output_dataset(
        "out", "filesystem_managed"
    ).create()
    listings = {
        "datasets": project.list_datasets(),
        "recipes": project.list_recipes(),
        "scenarios": project.list_scenarios(),
        "folders": project.list_managed_folders(),
    }
    for what, items in listings.items():
        assert items, what
        assert all(dict(item)["customMeta"] == {"kv": {}} for item in items), what


def test_custom_meta_saved_through_settings_is_what_metadata_shows(project: Any) -> None:
    dataset = project.create_dataset(
        "raw", "Filesystem", params={"connection": "filesystem_managed", "path": "/DEMO/raw"}
    )
    settings = dataset.get_settings()
    settings.get_raw()["customMeta"] = {"kv": {"owner": "ops"}}
    settings.save()
    assert dataset.get_metadata()["custom"] == {"kv": {"owner": "ops"}}
