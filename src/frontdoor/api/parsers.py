"""The API's JSON parser: DRF's, with the hostile bodies answered as client errors (issue 18).

A body nested thousands of levels deep makes Python's json module exceed the recursion limit; that
is the client's malformed request, answered 400 "parse_error" like any other unreadable JSON, not a
server error. A body over DATA_UPLOAD_MAX_MEMORY_SIZE is refused by Django when it is read
(RequestDataTooBig) and answered 413 in api.errors.
"""

from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

TOO_DEEP = "JSON parse error - the body is nested too deeply."


class SafeJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(TOO_DEEP) from None
