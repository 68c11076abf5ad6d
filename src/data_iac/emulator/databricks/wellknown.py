"""Host metadata: ``GET /.well-known/databricks-config``, fetched by the SDK while it builds
its Config (without credentials). Answering it sets ``cfg.workspace_id``, so every later
request carries ``X-Databricks-Workspace-Id``, and keeps the SDK from logging a warning."""

from __future__ import annotations

from data_iac.emulator.databricks.common import WORKSPACE_ID, DatabricksContext, route
from data_iac.emulator.databricks.tokens import ACCOUNT_ID
from data_iac.emulator.http import Request, Response, Route

__all__ = ["routes"]


def routes(ctx: DatabricksContext) -> list[Route]:
    def config(request: Request) -> Response:
        host = request.header("Host") or "127.0.0.1"
        return Response(
            200,
            {
                "workspace_id": WORKSPACE_ID,
                "account_id": ACCOUNT_ID,
                "cloud": "aws",
                "oidc_endpoint": f"http://{host}/oidc",
                # The default audience of a federation policy is the account id
                # (ServicePrincipalFederationPolicyAPI docstring, databricks-sdk 0.162).
                "token_federation_default_oidc_audiences": [ACCOUNT_ID],
            },
        )

    return [route("GET", r"/\.well-known/databricks-config", config)]
