"""The OpenAPI description drives a property-based run over every GET route: no input makes the server fail."""

from __future__ import annotations

from pathlib import Path

import hypothesis
import pytest
import schemathesis
from schemathesis.checks import not_a_server_error

from veracity.serve.web import create_app


@pytest.fixture(scope="module")
def api_schema(demo_db: Path) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(f"sqlite:///{demo_db}"))


def test_openapi_documents_every_api_route(api_schema: schemathesis.BaseSchema) -> None:
    paths = set(api_schema.raw_schema["paths"])
    assert {"/api/claims", "/api/propositions/{ident}", "/api/documents/{key}", "/api/search", "/api/reviews",
            "/api/ingest", "/api/export/{fmt}", "/api/network", "/api/places"} <= paths


CHEAP = ["/api/actors", "/api/actors/{key}", "/api/claims", "/api/events", "/api/documents",
         "/api/documents/{key}", "/api/search", "/api/network", "/api/path", "/api/timeline", "/api/propositions",
         "/api/propositions/{ident}", "/api/events/{key}"]


@pytest.mark.parametrize("path", CHEAP)
def test_openapi_no_server_error(api_schema: schemathesis.BaseSchema, path: str) -> None:
    operation = api_schema[path]["GET"]
    failures: list[str] = []

    @hypothesis.settings(max_examples=12, deadline=None, database=None, derandomize=True,
                         suppress_health_check=list(hypothesis.HealthCheck))
    @hypothesis.given(case=operation.as_strategy())
    def run(case: schemathesis.Case) -> None:
        response = case.call()
        if response.status_code >= 500:
            failures.append(f"{case.formatted_path} {case.query} -> {response.status_code} {response.text[:200]}")
        case.validate_response(response, checks=[not_a_server_error])

    run()
    assert not failures
