"""A kind that exists only in this test directory: ``databricks_widget``.

Everything data-iac needs to manage it is here: the record (config section, model, lifecycle
facts, the generic handler's description), an SDK-style service on the SDK's own
``ApiClient`` (the installed SDK has no widgets), and the emulator collection that serves
``/api/2.0/widgets``. Nothing under ``src/`` names it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from data_iac.config.stack.schema import StackEntry
from data_iac.emulator.databricks.collection import Collection, ErrorShape
from data_iac.emulator.databricks.common import DatabricksContext
from data_iac.model.kind import KindSpec, SdkApi, Strategy

KIND = "databricks_widget"


class Widget(StackEntry):
    """One widget as a stack writes it."""

    name: str | None = None
    color: str
    size: int | None = None


class WidgetsAPI:
    """``/api/2.0/widgets`` through the SDK's ApiClient, shaped like a generated service."""

    def __init__(self, api_client: Any) -> None:
        self._api = api_client

    def create(self, name: str, color: str, *, size: int | None = None) -> dict[str, Any]:
        body = {"name": name, "color": color, "size": size}
        answer: dict[str, Any] = self._api.do(
            "POST", "/api/2.0/widgets", body={k: v for k, v in body.items() if v is not None}
        )
        return answer

    def get(self, widget_id: str) -> dict[str, Any]:
        answer: dict[str, Any] = self._api.do("GET", f"/api/2.0/widgets/{widget_id}")
        return answer

    def list(self) -> Iterator[dict[str, Any]]:
        query: dict[str, Any] = {}
        while True:
            page = self._api.do("GET", "/api/2.0/widgets", query=query)
            yield from page.get("widgets", [])
            if not page.get("next_page_token"):
                return
            query["page_token"] = page["next_page_token"]

    def update(self, widget_id: str, *, color: str | None = None, size: int | None = None) -> Any:
        body = {k: v for k, v in {"color": color, "size": size}.items() if v is not None}
        return self._api.do("PATCH", f"/api/2.0/widgets/{widget_id}", body=body)

    def delete(self, widget_id: str) -> None:
        self._api.do("DELETE", f"/api/2.0/widgets/{widget_id}")


SPEC = KindSpec(
    kind=KIND,
    sections=("widgets",),
    config_model=Widget,
    immutable=frozenset({"name"}),
    computed=frozenset({"widget_id", "created_at"}),
    defaults={"size": 1},
    identity=("name",),
    import_id="the widget id",
    refresh=Strategy.LISTING,
    api=SdkApi(
        service="tests.kinds.widget.kind:WidgetsAPI",
        id_field="widget_id",
        update_takes_id_in_body=False,
        unique_by="name",
    ),
)


def _stamps(ctx: DatabricksContext, doc: dict[str, Any]) -> dict[str, Any]:
    return {"created_at": ctx.now()}


COLLECTION = Collection(
    noun="widget",
    table="widgets",
    base=r"/api/2\.0/widgets",
    id_field="widget_id",
    list_key="widgets",
    fields=("name", "color", "size"),
    required=("name", "color"),
    update_fields=("color", "size"),
    defaults={"size": 1},
    stamps=_stamps,
    unique="name",
    missing=ErrorShape(404, "RESOURCE_DOES_NOT_EXIST", "Widget {} does not exist"),
)
