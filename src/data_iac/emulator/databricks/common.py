"""What every Databricks route shares: error bodies, auth, pagination, the context."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from data_iac.emulator.databricks.tokens import ACCOUNT_HOST_PATH, TokenAuthority
from data_iac.emulator.http import EmulatedError, Request, Response, Route
from data_iac.emulator.server import EmulatorOptions
from data_iac.emulator.store import Store

__all__ = [
    "BUILTIN_PRINCIPALS",
    "UC_BUILTIN_PRINCIPALS",
    "DatabricksContext",
    "DatabricksService",
    "api_error",
    "bool_arg",
    "known_principal",
    "page",
    "require",
    "route",
]

WORKSPACE_ID = "1234567890123456"
DEFAULT_USER = "emulator-user@example.com"
# Principals every workspace knows without a SCIM object behind them (``users`` and
# ``admins`` are workspace-local groups).
BUILTIN_PRINCIPALS = frozenset({"users", "admins", "account users", DEFAULT_USER})
# The account-level ones Unity Catalog resolves.
UC_BUILTIN_PRINCIPALS = frozenset({"account users", DEFAULT_USER})
# Directories whose identities are account-level, and the fields UC names a principal by.
_UC_DIRECTORIES = (
    "account_scim_users",
    "account_scim_groups",
    "account_scim_serviceprincipals",
    "scim_users",
    "scim_serviceprincipals",
)
_PRINCIPAL_FIELDS = ("userName", "displayName", "applicationId")


@dataclass
class DatabricksContext:
    """The store plus the options, handed to every route module."""

    store: Store
    options: EmulatorOptions
    user_name: str = DEFAULT_USER
    tokens: TokenAuthority = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = TokenAuthority(self.store, self.options.token_lifetime_seconds)

    def table(self, name: str) -> dict[str, Any]:
        return self.store.table(f"databricks.{name}")

    def now(self) -> int:
        """Milliseconds since the epoch, strictly increasing (the store's clock)."""
        return self.store.now_ms()


def api_error(status: int, error_code: str, message: str, domain: str = "") -> EmulatedError:
    """An error with the platform's body: error_code, message and an ErrorInfo detail."""
    body = {
        "error_code": error_code,
        "message": message,
        "details": [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": error_code,
                "domain": domain or "databricks.com",
                "metadata": {},
            }
        ],
    }
    return EmulatedError(status, body)


def require(body: Any, *fields: str) -> None:
    """400 INVALID_PARAMETER_VALUE unless ``body`` is an object with every field non-empty."""
    if not isinstance(body, dict):
        raise api_error(400, "MALFORMED_REQUEST", "Request body must be a JSON object")
    for name in fields:
        if body.get(name) in (None, ""):
            raise api_error(400, "INVALID_PARAMETER_VALUE", f"Missing required field: {name}")


def bool_arg(request: Request, name: str) -> bool:
    """A query boolean as the SDK sends it (``true``/``false``, any case)."""
    return (request.arg(name) or "").lower() == "true"


def known_principal(ctx: DatabricksContext, name: str) -> bool:
    """Whether Unity Catalog can resolve ``name``: an account-level identity.

    UC resolves account identities only: a group created through the workspace SCIM API is
    workspace-local, and so are the built-in ``users`` and ``admins`` groups; a grant naming
    one answers "Could not find principal with name ..." (platform-apis.md B.4, from
    terraform-provider-databricks issues #1773, #2237, #5413: "cannot update grants: Could
    not find principal with name admins."). Known: ``account users``, the calling user, the
    ``databricks.uc_principals`` table (seeded by tests or ``PUT /__emu/state``), every
    account SCIM object, and the users and service principals created through the workspace
    SCIM API (those are added to the account as well).
    """
    if name in UC_BUILTIN_PRINCIPALS or name == ctx.user_name:
        return True
    if name in ctx.table("uc_principals"):
        return True
    for table_name in _UC_DIRECTORIES:
        for doc in ctx.table(table_name).values():
            if isinstance(doc, dict) and any(doc.get(f) == name for f in _PRINCIPAL_FIELDS):
                return True
    return False


def route(method: str, pattern: str, handler: Callable[[Request], Response]) -> Route:
    """A route; ``pattern`` may use ``/api/2\\.\\d/`` to match several API versions."""
    return Route.of(method, pattern, handler)


def page_token(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode()


def read_page_token(token: str | None) -> int:
    if not token:
        return 0
    try:
        return int(json.loads(base64.urlsafe_b64decode(token.encode()))["o"])
    except (ValueError, KeyError, TypeError) as exc:
        raise api_error(400, "INVALID_PARAMETER_VALUE", "Invalid page token") from exc


def page(
    request: Request,
    items: Sequence[Any],
    ctx: DatabricksContext,
    *,
    size_param: str = "max_results",
    most: int | None = None,
) -> tuple[list[Any], str | None]:
    """Slice ``items`` by the request's page token and size; the token is None on the last
    page (the SDK loops until it is absent). A size of 0 or none means the server default;
    a negative one, or one above ``most``, is refused (``limits.check_page_size``)."""
    from data_iac.emulator.databricks.limits import check_page_size

    check_page_size(size_param, request.arg(size_param), most)
    offset = read_page_token(request.arg("page_token"))
    requested = int(request.arg(size_param) or 0)
    size = min(requested, ctx.options.page_size) if requested > 0 else ctx.options.page_size
    chunk = list(items[offset : offset + size])
    more = offset + size < len(items)
    return chunk, page_token(offset + size) if more else None


class DatabricksService:
    """The Databricks half of the emulator: the workspace at the root, the account console
    under ``ACCOUNT_HOST_PATH``."""

    name = "databricks"
    prefixes: tuple[str, ...] = ("/api/", "/.well-known/", "/oidc/", f"{ACCOUNT_HOST_PATH}/")

    def __init__(self, ctx: DatabricksContext, routes: list[Route]) -> None:
        self.ctx = ctx
        self._routes = routes

    def routes(self) -> list[Route]:
        return self._routes

    def authenticate(self, request: Request) -> None:
        """The service's refusal of a missing, unknown, expired or misplaced credential."""
        from data_iac.emulator.databricks.auth import authenticate

        authenticate(request, self.ctx.tokens, self.ctx.options)

    def control(self, request: Request) -> Response | None:
        """``/__emu/clock`` and ``/__emu/idp/token`` (see ``emulator/databricks/control.py``)."""
        from data_iac.emulator.databricks.control import control

        return control(self.ctx, request)
