"""Schemathesis hooks for drplan: keep the generated requests that satisfy the
rules joining two or more fields.

The OpenAPI document keeps those rules (the secondary region differs from the
primary, a vector database or a self-hosted model is priced in the regions
chosen, the provider chain has no gaps, the backup ladder keeps a day, custom
targets come in pairs) as JSON Schemas under `x-drplan-rules`, next to the
schema of the link's parameters and of the JSON body. Generators expand an
`allOf` of `anyOf`s into every combination and give up on them, so this hook
validates each generated request against them instead. The schemas are read
from the document the server serves (its address in DRPLAN_OPENAPI).
"""

import json
import os
import urllib.request

import jsonschema_rs
import schemathesis

with urllib.request.urlopen(os.environ["DRPLAN_OPENAPI"], timeout=30) as answer:
    _DOC = json.load(answer)

_RULES = "x-drplan-rules"


def _validator(schema):
    return jsonschema_rs.validator_for(schema) if schema else None


def _link_rules():
    for item in _DOC["paths"].values():
        for parameter in item.get("get", {}).get("parameters", []):
            rules = parameter.get("schema", {}).get(_RULES)
            if rules:
                return _validator(rules)
    return None


_LINK = _link_rules()
_BODY = _validator(_DOC["components"]["schemas"]["ScenarioInput"].get(_RULES))


def _path(context):
    operation = getattr(context, "operation", None)
    return getattr(operation, "path", "")


_LINK_ROUTES = ("/api/v1/estimate", "/api/v1/loss", "/api/v1/designs", "/api/v1/sensitivity")


@schemathesis.hook
def filter_case(context, case):
    """Every phase (coverage and fuzzing) asks this of each case it generates."""
    path = _path(context)
    if path not in _LINK_ROUTES:
        return True
    if case.method.upper() == "POST":
        body = case.body
        return _BODY is None or not isinstance(body, dict) or _BODY.is_valid(body)
    query = case.query
    if _LINK is None or not isinstance(query, dict):
        return True
    link = query.get("link") if isinstance(query.get("link"), dict) else query
    return _LINK.is_valid(link)
