"""Platform API QueryFilter evaluation and queryToken paging."""

import re
import secrets
import threading
import time
from collections import OrderedDict

PAGE_SIZE = 100

# operator -> number of arguments (from the "Query filters" page; CONTAINS/NOT_CONTAINS from the OpenAPI enums).
OPERATOR_ARITY = {
    "EQUALS": 1,
    "NOT_EQUALS": 1,
    "LIKE": 1,
    "STARTS_WITH": 1,
    "CONTAINS": 1,
    "NOT_CONTAINS": 1,
    "IS_NULL": 0,
    "IS_NOT_NULL": 0,
    "BETWEEN": 2,
    "GREATER_THAN": 1,
    "GREATER_THAN_OR_EQUAL": 1,
    "LESS_THAN": 1,
    "LESS_THAN_OR_EQUAL": 1,
}
MAX_DEPTH = 32


class QueryError(Exception):
    """A QUERY body or queryMore token was refused (HTTP 400)."""


def _like_regex(pattern):
    return re.compile("".join(".*" if char == "%" else re.escape(char) for char in pattern), re.DOTALL)


def _simple_predicate(operator, getter, args):
    # pylint: disable=too-many-return-statements
    if operator == "IS_NULL":
        return lambda item: getter(item) is None
    if operator == "IS_NOT_NULL":
        return lambda item: getter(item) is not None
    if operator == "BETWEEN":
        low, high = args
        return lambda item: getter(item) is not None and low <= getter(item) <= high
    arg = args[0]
    if operator == "EQUALS":
        return lambda item: getter(item) == arg
    if operator == "NOT_EQUALS":
        return lambda item: getter(item) != arg
    if operator == "LIKE":
        regex = _like_regex(arg)
        return lambda item: getter(item) is not None and regex.fullmatch(getter(item)) is not None
    if operator == "STARTS_WITH":
        return lambda item: getter(item) is not None and getter(item).startswith(arg)
    if operator == "CONTAINS":
        return lambda item: getter(item) is not None and arg in getter(item)
    if operator == "NOT_CONTAINS":
        return lambda item: getter(item) is None or arg not in getter(item)
    if operator == "GREATER_THAN":
        return lambda item: getter(item) is not None and getter(item) > arg
    if operator == "GREATER_THAN_OR_EQUAL":
        return lambda item: getter(item) is not None and getter(item) >= arg
    if operator == "LESS_THAN":
        return lambda item: getter(item) is not None and getter(item) < arg
    return lambda item: getter(item) is not None and getter(item) <= arg


def _compile(expression, properties, depth):
    if depth > MAX_DEPTH:
        raise QueryError("QueryFilter is nested too deeply")
    if not isinstance(expression, dict):
        raise QueryError("A QueryFilter expression must be an object")
    operator = expression.get("operator")
    if not isinstance(operator, str) or not operator:
        raise QueryError("A QueryFilter expression needs an operator")
    if "nestedExpression" in expression or operator.lower() in ("and", "or"):
        if operator.lower() not in ("and", "or"):
            raise QueryError("Unknown grouping operator '%s' (expected 'and' or 'or')" % operator)
        nested = expression.get("nestedExpression", [])
        if not isinstance(nested, list):
            raise QueryError("nestedExpression must be a list")
        parts = [_compile(sub, properties, depth + 1) for sub in nested]
        if operator.lower() == "and":
            return lambda item: all(part(item) for part in parts)
        return lambda item: any(part(item) for part in parts)
    prop = expression.get("property")
    if prop not in properties:
        raise QueryError("Unknown query property '%s'; valid properties: %s" % (prop, ", ".join(properties)))
    if operator not in OPERATOR_ARITY:
        raise QueryError("Unknown query operator '%s'" % operator)
    args = expression.get("argument", [])
    if args is None:
        args = []
    if not isinstance(args, list) or not all(isinstance(arg, str) for arg in args):
        raise QueryError("argument of property '%s' must be a list of strings" % prop)
    if len(args) != OPERATOR_ARITY[operator]:
        raise QueryError("Operator %s takes %d argument(s), got %d" % (operator, OPERATOR_ARITY[operator], len(args)))
    return _simple_predicate(operator, properties[prop], args)


def compile_query(body, properties):
    """Turn a QUERY body into a predicate over items.

    ``properties`` maps each queryable property name to a getter returning a string or None.
    An empty body (None) or ``{}`` matches everything.
    """
    if body is None or body == {}:
        return lambda item: True
    if not isinstance(body, dict):
        raise QueryError("The QUERY body must be a JSON object")
    unknown = sorted(set(body) - {"QueryFilter", "@type"})
    if unknown:
        raise QueryError("Unknown field(s) in the QUERY body: %s" % ", ".join(unknown))
    query_filter = body.get("QueryFilter")
    if query_filter is None:
        return lambda item: True
    if not isinstance(query_filter, dict) or "expression" not in query_filter:
        raise QueryError("QueryFilter must be an object with an expression")
    return _compile(query_filter["expression"], properties, 0)


class Pager:
    """Keeps the remaining results of queries behind opaque queryTokens."""

    def __init__(self, max_tokens=1000, ttl=1800.0):
        self._lock = threading.Lock()
        self._tokens = OrderedDict()
        self._max_tokens = max_tokens
        self._ttl = ttl

    def clear(self):
        """Forget every token."""
        with self._lock:
            self._tokens.clear()

    def page(self, object_type, items, offset=0):
        """Return (page_items, token_or_None) for ``items[offset:offset + PAGE_SIZE]``."""
        end = offset + PAGE_SIZE
        token = None
        if end < len(items):
            token = secrets.token_urlsafe(24)
            with self._lock:
                self._tokens[token] = (object_type, items, end, time.monotonic())
                while len(self._tokens) > self._max_tokens:
                    self._tokens.popitem(last=False)
        return items[offset:end], token

    def more(self, object_type, token):
        """Return (page_items, next_token_or_None) for a queryMore token."""
        token = (token or "").strip()
        with self._lock:
            entry = self._tokens.get(token)
        if entry is None:
            raise QueryError("Invalid or expired queryToken")
        token_type, items, offset, created = entry
        if token_type != object_type:
            raise QueryError("The queryToken belongs to a %s query, not %s" % (token_type, object_type))
        if time.monotonic() - created > self._ttl:
            raise QueryError("Invalid or expired queryToken")
        return self.page(object_type, items, offset)
