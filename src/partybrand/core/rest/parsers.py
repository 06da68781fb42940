"""The API's JSON bodies are objects: every endpoint reads named fields, so a list, a string or a
number is refused at parsing (400) before a view could take it for a dictionary."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

NOT_AN_OBJECT = "请求内容应为 JSON 对象（{…}），以字段名给出各项内容。"


class JsonObjectParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict):
            raise ParseError(NOT_AN_OBJECT)
        return data
