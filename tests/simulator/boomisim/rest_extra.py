"""REST objects served outside ``rest.py`` (ProcessScheduleStatus, ExecutionRequest, ExecutionRecord).

A ``RestObject`` subclass routes the tail of ``/api/rest/v1/{accountId}/<Object>/...`` to an
operation, names the operations that are writes (and their ``drop_after_commit`` kind), and
answers them.  ``register(obj)`` plugs it into ``rest.route`` and ``RestApi.handle``.
"""

import json

from . import rest
from .queryfilter import compile_query


class RestObject:
    """One REST object type.  Subclasses set the class attributes and define ``op_<op>`` methods.

    ``op_<op>(api, object_id, body)`` gets the ``RestApi`` (``api.state``, ``api.pager``) and
    returns a JSON-able payload (HTTP 200) or a ``(status, payload)`` pair; it raises
    ``rest.RestError`` for error answers.  The state lock is held.
    """

    object_type = ""
    operations = ()  # of: create get update delete bulk query queryMore (+ what route() adds)
    write_kinds = {}  # op -> drop_after_commit kind
    max_bulk_ids = rest.MAX_BULK_IDS

    # -- routing ---------------------------------------------------------------

    def route(self, method, tail):
        """(op, object_id) for a path tail; op None = 410.  The standard Platform API forms."""
        op, object_id = None, None
        if method == "POST" and not tail:
            op = "create"
        elif method == "POST" and tail in (["bulk"], ["query"], ["queryMore"]):
            op = tail[0]
        elif len(tail) == 1 and tail[0]:
            op = {"GET": "get", "DELETE": "delete", "POST": "update"}.get(method)
            object_id = tail[0]
        if op not in self.operations:
            return None, None
        return op, object_id

    def handle(self, api, rest_route, body):
        """(status, payload) of a routed request."""
        result = getattr(self, "op_" + rest_route.op)(api, rest_route.object_id, body)
        if isinstance(result, tuple):
            return result
        return 200, result

    # -- QUERY, queryMore and bulk GET over items() ------------------------------

    def items(self, api):
        """Every object, in the order queries return them."""
        raise NotImplementedError

    def serialise(self, api, item):
        """The JSON shape of one item."""
        raise NotImplementedError

    def properties(self, api):
        """Query property name -> getter (returns a string-like value or None)."""
        raise NotImplementedError

    def get_item(self, api, object_id):
        """The item with that id, or raise RestError(404)."""
        raise NotImplementedError

    def serialise_one(self, api, item):
        """The JSON shape of one item in a bulk GET answer (the query shape unless a GET differs)."""
        return self.serialise(api, item)

    def query_items(self, api, query_body):
        """Matching items of a QUERY body (hook for extra body keys such as QuerySort)."""
        predicate = compile_query(query_body, self.properties(api))
        return [item for item in self.items(api) if predicate(item)]

    def op_query(self, api, _object_id, body):
        """POST /<Object>/query"""
        matches = self.query_items(api, json_body(body, allow_empty=True))
        page, token = api.pager.page(self.object_type, matches)
        return query_result([self.serialise(api, item) for item in page], token)

    def op_queryMore(self, api, _object_id, body):  # pylint: disable=invalid-name
        """POST /<Object>/queryMore (raw token as the body)"""
        token = body.decode("utf-8", errors="replace") if body else ""
        page, token = api.pager.more(self.object_type, token)
        return query_result([self.serialise(api, item) for item in page], token)

    def op_bulk(self, api, _object_id, body):
        """POST /<Object>/bulk with {"type": "GET", "request": [{"id"}]}"""
        data = json_body(body)
        if not isinstance(data, dict):
            raise rest.RestError(400, "The bulk body must be a JSON object")
        if data.get("type") != "GET":
            raise rest.RestError(400, "Only bulk type GET is supported for %s, got %s" % (self.object_type, json.dumps(data.get("type"))))
        request = data.get("request")
        if not isinstance(request, list):
            raise rest.RestError(400, "The bulk body needs a request list")
        if len(request) > self.max_bulk_ids:
            raise rest.RestError(400, "A bulk request takes at most %d ids, got %d" % (self.max_bulk_ids, len(request)))
        response = []
        for index, entry in enumerate(request):
            item_id = entry.get("id") if isinstance(entry, dict) else None
            if not isinstance(item_id, str):
                raise rest.RestError(400, "request[%d] must be an object with a string id" % index)
            try:
                item = self.get_item(api, item_id)
            except rest.RestError as exc:
                response.append({"@type": "BulkResponse", "index": index, "id": item_id, "statusCode": 400, "errorMessage": exc.message})
            else:
                response.append({"@type": "BulkResponse", "Result": self.serialise_one(api, item), "index": index, "id": item_id, "statusCode": 200})
        return {"@type": "BulkResult", "response": response}


def register(obj):
    """Serve ``obj`` under /api/rest/v1/{accountId}/<obj.object_type>/..."""
    rest.EXTRA_OBJECTS[obj.object_type] = obj
    for op, kind in obj.write_kinds.items():
        rest.WRITE_KINDS["%s.%s" % (obj.object_type, op)] = kind
    return obj


def json_body(body, allow_empty=False):
    """The parsed JSON body (RestError 400 when it is not JSON)."""
    return rest._json_body(body, allow_empty)  # pylint: disable=protected-access


def query_result(results, token):
    """A QueryResult page."""
    return rest._query_result(results, token)  # pylint: disable=protected-access
