"""A generic emulated collection: create / get / list (paginated) / update / delete of one
kind of object, parameterised per kind. A kind module declares its ``Collection`` and
serves ``COLLECTION.routes(ctx)``; only what a service does differently is code.

Two URL styles exist in the Databricks API:

- ``rest`` (Unity Catalog, most newer services): ``POST base``, ``GET base/{id}``,
  ``GET base`` (``page_token`` / ``max_results``), ``PATCH base/{id}``, ``DELETE base/{id}``;
- ``rpc`` (compute): ``POST base/create``, ``GET base/get?{id}=``, ``GET base/list``,
  ``POST base/edit`` (id in the body), ``POST base/delete``.

What a collection does like the real service: required fields (400
``INVALID_PARAMETER_VALUE`` "Missing required field: X"), server-set fields (id, stamps,
owner), backend defaults filled on create, a unique field (the duplicate error the kind's
service sends), the missing-object error it sends, renames through ``new_name`` when the id
is the name, and list pages with a ``next_page_token`` until the last.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from data_iac.emulator.databricks.common import DatabricksContext, api_error, page, route
from data_iac.emulator.databricks.permissions import drop_acl
from data_iac.emulator.http import EmulatedError, Request, Response, Route

__all__ = ["Collection", "ErrorShape", "new_uuid_id", "same_as"]

Doc = dict[str, Any]


@dataclass(frozen=True)
class ErrorShape:
    """An error the service sends: status, error_code and a message with ``{}`` for the
    id or value it names."""

    status: int
    code: str
    message: str

    def raise_for(self, value: Any) -> EmulatedError:
        return api_error(self.status, self.code, self.message.format(value))


def new_uuid_id(ctx: DatabricksContext, doc: Doc) -> str:
    """A server-generated UUID (deterministic per store seed)."""
    return ctx.store.new_uuid()


def same_as(field_name: str) -> Callable[[DatabricksContext, Doc], str]:
    """The id is the value of ``field_name`` (UC objects are addressed by name)."""
    return lambda ctx, doc: str(doc[field_name])


def _stamps(ctx: DatabricksContext, doc: Doc) -> Doc:
    return {}


@dataclass(frozen=True)
class Collection:
    """One kind of object in one table; see the module docstring."""

    noun: str  # "instance pool": used in messages
    table: str  # store table, under "databricks."
    base: str  # URL pattern of the collection: r"/api/2\.0/instance-pools"
    id_field: str  # the JSON field holding the id
    list_key: str  # the JSON key of a listing's array
    fields: tuple[str, ...]  # what create accepts and stores
    required: tuple[str, ...] = ()
    update_fields: tuple[str, ...] | None = None  # what update may change (None: ``fields``)
    defaults: Mapping[str, Any] = field(default_factory=dict)
    new_id: Callable[[DatabricksContext, Doc], str] = new_uuid_id
    stamps: Callable[[DatabricksContext, Doc], Doc] = _stamps  # server-set on create
    update_stamps: Callable[[DatabricksContext, Doc], Doc] = _stamps  # server-set on update
    unique: str | None = None  # a field no two objects may share
    duplicate: ErrorShape | None = None
    missing: ErrorShape = ErrorShape(404, "RESOURCE_DOES_NOT_EXIST", "{} does not exist")
    rpc: bool = False
    create_echo: bool = True  # create answers the object (else ``{id_field: id}``)
    update_echo: bool = True  # update answers the object (else ``{}``)
    page_size_param: str = "max_results"
    paginated: bool = True  # False: the listing is one answer with every object
    acl_type: str | None = None  # its /permissions type: the ACL goes with the object
    check: Callable[[DatabricksContext, Doc], None] | None = None  # extra validation
    view: Callable[[Doc], Doc] = copy.deepcopy  # stored object -> what the API answers
    list_view: Callable[[Doc], Doc] | None = None  # the same in a listing (default: view)
    request_key: str | None = None  # the body nests the object: {"query": {...}}
    response_key: str | None = None  # get and create nest the answer: {"experiment": ...}
    create_key: str | None = None  # create nests its answer under another key than get
    # rpc: (HTTP method, URL pattern) of a verb where the service differs from the usual
    # ``POST base/<verb>`` / ``GET base/get|list`` (MLflow's PATCH update, DELETE delete)
    rpc_routes: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    update_mask: bool = False  # update changes only the fields ``update_mask`` names
    rpc_update: str = "edit"  # the RPC verb of update (MLflow says "update")
    soft_delete: tuple[str, str] | None = None  # delete sets (field, value); list hides it
    list_filter: tuple[str, ...] = ()  # query args a listing filters on (``catalog_name``)

    def routes(self, ctx: DatabricksContext) -> list[Route]:
        served = _Served(self, ctx)
        if self.rpc:
            usual = {
                "create": ("POST", f"{self.base}/create"),
                "get": ("GET", f"{self.base}/get"),
                "list": ("GET", f"{self.base}/list"),
                "update": ("POST", f"{self.base}/{self.rpc_update}"),
                "delete": ("POST", f"{self.base}/delete"),
            }
            handlers = {
                "create": served.create,
                "get": served.get_rpc,
                "list": served.list,
                "update": served.update_rpc,
                "delete": served.delete_rpc,
            }
            return [
                route(*{**usual, **self.rpc_routes}[verb], handler)
                for verb, handler in handlers.items()
            ]
        item = f"{self.base}/(?P<id>[^/]+)"
        return [
            route("POST", self.base, served.create),
            route("GET", self.base, served.list),
            route("GET", item, served.get),
            route("PATCH", item, served.update),
            route("DELETE", item, served.delete),
        ]


class _Served:
    """The handlers of one collection over its table."""

    def __init__(self, collection: Collection, ctx: DatabricksContext) -> None:
        self.c = collection
        self.ctx = ctx

    @property
    def rows(self) -> dict[str, Doc]:
        return self.ctx.table(self.c.table)

    def _body(self, request: Request) -> Doc:
        body = request.json()
        if not isinstance(body, dict):
            raise api_error(400, "MALFORMED_REQUEST", "Request body must be a JSON object")
        return body

    def _object(self, body: Doc) -> Doc:
        """The object a request carries (nested under ``request_key`` when there is one)."""
        key = self.c.request_key
        if key is None:
            return body
        inner = body.get(key)
        if not isinstance(inner, dict):
            raise api_error(400, "INVALID_PARAMETER_VALUE", f"Missing required field: {key}")
        return inner

    def _answer(self, doc: Doc) -> Doc:
        shown = self.c.view(doc)
        return {self.c.response_key: shown} if self.c.response_key else shown

    def _live(self, doc: Doc | None) -> bool:
        gone = self.c.soft_delete
        return doc is not None and (gone is None or doc.get(gone[0]) != gone[1])

    def _require(self, object_id: str | None, *, trashed: bool = False) -> Doc:
        found = self.rows.get(str(object_id)) if object_id else None
        if found is None or not (trashed or self._live(found)):
            raise self.c.missing.raise_for(object_id)
        return found

    def _check_unique(self, doc: Doc, own_id: str | None) -> None:
        name = self.c.unique
        if name is None or doc.get(name) is None:
            return
        for object_id, other in self.rows.items():
            if object_id != own_id and other.get(name) == doc[name] and self._live(other):
                shape = self.c.duplicate or ErrorShape(
                    400, "RESOURCE_ALREADY_EXISTS", f"{self.c.noun} '{{}}' already exists"
                )
                raise shape.raise_for(doc[name])

    def create(self, request: Request) -> Response:
        body = self._object(self._body(request))
        for name in self.c.required:
            if body.get(name) in (None, "", [], {}):
                raise api_error(400, "INVALID_PARAMETER_VALUE", f"Missing required field: {name}")
        doc: Doc = {**copy.deepcopy(dict(self.c.defaults))}
        doc.update({k: copy.deepcopy(body[k]) for k in self.c.fields if k in body})
        if self.c.check is not None:
            self.c.check(self.ctx, doc)
        object_id = self.c.new_id(self.ctx, doc)
        if object_id in self.rows:
            raise (self.c.duplicate or ErrorShape(
                400, "RESOURCE_ALREADY_EXISTS", f"{self.c.noun} '{{}}' already exists"
            )).raise_for(object_id)  # fmt: skip
        self._check_unique(doc, None)
        doc.update(self.c.stamps(self.ctx, doc))
        doc[self.c.id_field] = object_id
        self.rows[object_id] = doc
        answer = self._answer(doc) if self.c.create_echo else {self.c.id_field: object_id}
        if self.c.create_echo and self.c.create_key is not None:
            # Under its own key, create answers the plain object, as a listing shows it
            # (MLflow's ``{registered_model: Model}``: no id, no permission level).
            answer = {self.c.create_key: (self.c.list_view or self.c.view)(doc)}
        return Response(200, answer)

    def get(self, request: Request) -> Response:
        return Response(200, self._answer(self._require(request.params.get("id"), trashed=True)))

    def get_rpc(self, request: Request) -> Response:
        return Response(
            200, self._answer(self._require(request.arg(self.c.id_field), trashed=True))
        )

    def list(self, request: Request) -> Response:
        wanted = {name: request.arg(name) for name in self.c.list_filter if request.arg(name)}
        ordered = [
            doc
            for doc in (self.rows[k] for k in sorted(self.rows))
            if self._live(doc) and all(doc.get(f) == v for f, v in wanted.items())
        ]
        chunk, token = ordered, None
        if self.c.paginated:
            chunk, token = page(request, ordered, self.ctx, size_param=self.c.page_size_param)
        body: Doc = {}
        if chunk:
            shown = self.c.list_view or self.c.view
            body[self.c.list_key] = [shown(copy.deepcopy(doc)) for doc in chunk]
        if token:
            body["next_page_token"] = token
        return Response(200, body)

    def update(self, request: Request) -> Response:
        body = self._body(request)
        fields = self._object(body)
        if self.c.update_mask:
            mask = str(body.get("update_mask") or "")
            if not mask:
                raise api_error(
                    400, "INVALID_PARAMETER_VALUE", "Missing required field: update_mask"
                )
            named = {part.strip() for part in mask.split(",")}
            fields = {k: v for k, v in fields.items() if k in named or "*" in named}
        return self._update(str(request.params.get("id")), fields)

    def update_rpc(self, request: Request) -> Response:
        body = self._body(request)
        return self._update(str(body.get(self.c.id_field)), body)

    def _update(self, object_id: str, body: Doc) -> Response:
        doc = self._require(object_id)
        allowed = self.c.update_fields if self.c.update_fields is not None else self.c.fields
        changed = {**doc, **{k: copy.deepcopy(body[k]) for k in allowed if k in body}}
        new_name = body.get("new_name")
        new_id = object_id
        if isinstance(new_name, str) and new_name and new_name != changed.get("name"):
            changed["name"] = new_name  # UC: the id is the name (or ends with it)
            new_id = self.c.new_id(self.ctx, changed)
            changed[self.c.id_field] = new_id
        if self.c.check is not None:
            self.c.check(self.ctx, changed)
        self._check_unique(changed, object_id)
        if new_id != object_id:
            if new_id in self.rows:
                raise (self.c.duplicate or ErrorShape(
                    400, "RESOURCE_ALREADY_EXISTS", f"{self.c.noun} '{{}}' already exists"
                )).raise_for(new_id)  # fmt: skip
            del self.rows[object_id]
            object_id = new_id
        changed.update(self.c.update_stamps(self.ctx, changed))
        self.rows[object_id] = changed
        return Response(200, self.c.view(changed) if self.c.update_echo else {})

    def delete(self, request: Request) -> Response:
        return self._delete(str(request.params.get("id")))

    def delete_rpc(self, request: Request) -> Response:
        if request.method == "DELETE":  # the id in the query (MLflow's registered models)
            return self._delete(str(request.arg(self.c.id_field)))
        return self._delete(str(self._body(request).get(self.c.id_field)))

    def _delete(self, object_id: str) -> Response:
        doc = self._require(object_id)
        if self.c.soft_delete is not None:
            doc[self.c.soft_delete[0]] = self.c.soft_delete[1]
            return Response(200, {})
        del self.rows[object_id]
        if self.c.acl_type is not None:
            drop_acl(self.ctx, self.c.acl_type, object_id)
        return Response(200, {})
