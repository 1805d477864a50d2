"""Property-based requests generated from the API's own OpenAPI schema (schemathesis): whatever a client
sends within (or just outside) the schema, the server answers without a 5xx and without a trace.
Bounded: EXAMPLES per operation, so the module runs in well under a minute."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error

from tests.assistant.conftest import example_store  # noqa: F401  (the session store of the demo papers)
from tests.ui.conftest import make_assistant
from ui.api import create_app

EXAMPLES = 25


@pytest.mark.parametrize("generation", ["positive", "negative"])
def test_no_generated_request_gets_a_server_error(example_store, tmp_path, generation: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    app = create_app(make_assistant(example_store, tmp_path))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    tried: dict[str, int] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() == "DELETE":
            continue  # deleting the shared demo papers would change the other tests
        mode = schemathesis.GenerationMode(generation)

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def call(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call()
            case.validate_response(response, checks=[not_a_server_error])
            assert b"Traceback" not in response.content  # bytes: a briefing note may come back as a Word file
            tried[case.operation.label] = tried.get(case.operation.label, 0) + 1

        try:
            call()
        except Unsatisfiable:  # nothing in this operation can be sent wrong (no parameters, no body)
            assert generation == "negative"
    assert len(tried) >= (6 if generation == "positive" else 4), tried
