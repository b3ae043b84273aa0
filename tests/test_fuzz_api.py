"""Fuzzing, bounded in time: schemathesis on the live server's own OpenAPI document, and
hypothesis on the pipeline's entry point. No input may cause a 500 or a crash.

Budget: FUZZ_EXAMPLES cases per API operation (positive and negative), FUZZ_PIPELINE_EXAMPLES
texts for the pipeline; about half a minute together on a 2-core machine.
"""
from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings, strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (content_type_conformance, ignored_auth, negative_data_rejection,
                                               response_schema_conformance)

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "50"))
FUZZ_PIPELINE_EXAMPLES = int(os.environ.get("FUZZ_PIPELINE_EXAMPLES", "300"))
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance, ignored_auth]
# Invalid bodies must be refused. (Not applied to query strings: a repeated `?a=1&a=2` counts as an
# invalid array for schemathesis, while FastAPI, like most servers, takes the last value.)
BODY_CHECKS = [*CHECKS, negative_data_rejection]


def _operations() -> list[tuple[str, str, GenerationMode]]:
    """(method, path, mode) for every operation of the service's own OpenAPI document (listed without a
    server); invalid data only where there is something to make invalid: parameters or a body."""
    from service.api import create_app
    from service.config import Settings
    paths = create_app(Settings()).openapi()["paths"]
    cases = []
    for path, item in paths.items():
        for method, op in item.items():
            cases.append((method.upper(), path, GenerationMode.POSITIVE))
            if op.get("parameters") or op.get("requestBody"):
                cases.append((method.upper(), path, GenerationMode.NEGATIVE))
    return cases


@pytest.fixture(scope="session")
def fuzz_key(live_server) -> str:
    # admin: every operation is reachable; no rate limit: the fuzzer is not what limits are about.
    return live_server.create_key("fuzzer", "admin", rate_per_minute=0)["key"]


@pytest.fixture(scope="session")
def api_schema(live_server):
    return schemathesis.openapi.from_url(live_server.url + "/openapi.json")


# schemathesis' own pytest loader (from_fixture) does not work with pytest 9, so each operation is a
# parametrized test that draws its cases from the operation's strategy with plain hypothesis.
@pytest.mark.parametrize("method,path,mode", _operations(), ids=lambda v: getattr(v, "value", v))
def test_api_never_answers_5xx(api_schema, fuzz_key, method, path, mode):
    operation = api_schema[path][method]
    auth = {"Authorization": f"Bearer {fuzz_key}"}
    checks = BODY_CHECKS if method == "POST" else CHECKS

    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        case.call_and_validate(headers=auth, checks=checks, timeout=30)

    run()


# -- the pipeline's entry point, in process ------------------------------------------------------------

TEXTS = st.one_of(
    st.text(max_size=400),                                                       # any unicode at all
    st.text(alphabet=st.sampled_from("拖欠工资元万千百十一二三四五六七八九零两个月名工人农民工公司老板项目"
                                     "0123456789０１２３４５６７８９.,，。、；：！？ \n\t年月日号"), max_size=300),
    st.lists(st.sampled_from(["拖欠", "工资", "15万元", "43名", "农民工", "2023年10月", "电话13812345678",
                              "某某建筑工程有限公司", "跳楼", "😡", "\u200b", "\ud7ff", "Ｘ", "¥", "-"]),
             max_size=30).map("".join),
)


@pytest.fixture(scope="module")
def pipeline():
    from service.pipeline import Pipeline
    return Pipeline()


@settings(max_examples=FUZZ_PIPELINE_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=TEXTS)
def test_pipeline_answers_or_refuses_every_text(pipeline, text):
    from service.pipeline import InvalidInput, Item
    try:
        pipeline.check(Item(text))
    except InvalidInput as exc:
        assert exc.field == "text" and exc.reason
        return
    result = pipeline.triage(text)
    assert result.primary and result.route.lead.code
    for amount in result.entities.amounts:                      # offsets index the text as received
        assert 0 <= amount.start <= amount.end <= len(text) and text[amount.start:amount.end] == amount.text
