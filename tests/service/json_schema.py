"""A validator for the part of JSON Schema (2020-12) that gavel's request schema uses: type
(one or a list), properties, required, additionalProperties (false or a schema),
propertyNames (descriptive only), items, minItems, maxItems, maxProperties, pattern, enum."""
import re

TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}
KNOWN = {"$schema", "title", "description", "type", "properties", "required", "additionalProperties",
         "propertyNames", "items", "minItems", "maxItems", "maxProperties", "pattern", "format", "enum"}


def errors(schema, value, path="$"):
    """The list of reasons `value` does not fit `schema`, each with its path."""
    unknown = set(schema) - KNOWN
    if unknown:
        return [f"{path}: the validator does not know {sorted(unknown)}"]
    out = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(TYPES[t](value) for t in types):
            return [f"{path}: {value!r} is not {types}"]
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{path}: {value!r} not in {schema['enum']}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        out.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            out.append(f"{path}: fewer than {schema['minItems']} items")
        if len(value) > schema.get("maxItems", len(value)):
            out.append(f"{path}: more than {schema['maxItems']} items")
        for i, item in enumerate(value):
            if "items" in schema:
                out += errors(schema["items"], item, f"{path}[{i}]")
    if isinstance(value, dict):
        if len(value) > schema.get("maxProperties", len(value)):
            out.append(f"{path}: more than {schema['maxProperties']} properties")
        for name in schema.get("required", []):
            if name not in value:
                out.append(f"{path}: `{name}` is required")
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for name, item in value.items():
            if name in properties:
                out += errors(properties[name], item, f"{path}.{name}")
            elif extra is False:
                out.append(f"{path}: unknown field `{name}`")
            elif isinstance(extra, dict):
                out += errors(extra, item, f"{path}.{name}")
    return out
