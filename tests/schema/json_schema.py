"""A validator for the subset of JSON Schema (draft 2020-12) that docs/schema/ uses: enough to
check gavel's requests and responses, and strict, so that a keyword it does not know is an
error rather than a check silently skipped."""

import re

ANNOTATIONS = {"$schema", "title", "description", "format", "$defs"}
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def errors(schema, value, root=None, path="$"):
    """Every way `value` fails `schema`, as 'path: why' strings; empty when it conforms."""
    root = schema if root is None else root
    found = []
    for keyword, rule in schema.items():
        if keyword in ANNOTATIONS:
            continue
        if keyword == "$ref":
            assert rule.startswith("#/"), rule
            target = root
            for part in rule[2:].split("/"):
                target = target[part]
            found += errors(target, value, root, path)
        elif keyword == "type":
            kinds = rule if isinstance(rule, list) else [rule]
            if not any(TYPES[k](value) for k in kinds):
                found.append(f"{path}: not of type {rule}")
        elif keyword == "enum":
            if value not in rule:
                found.append(f"{path}: {value!r} is not one of {rule}")
        elif keyword == "const":
            if value != rule:
                found.append(f"{path}: {value!r} is not {rule!r}")
        elif keyword in ("oneOf", "anyOf"):
            matching = sum(1 for option in rule if not errors(option, value, root, path))
            if matching == 0 or (keyword == "oneOf" and matching > 1):
                found.append(f"{path}: matches {matching} of the {keyword} schemas")
        elif keyword == "properties":
            if isinstance(value, dict):
                for name, sub in rule.items():
                    if name in value:
                        found += errors(sub, value[name], root, f"{path}.{name}")
        elif keyword == "required":
            if isinstance(value, dict):
                found += [f"{path}: missing `{name}`" for name in rule if name not in value]
        elif keyword == "additionalProperties":
            if isinstance(value, dict):
                known = schema.get("properties", {})
                for name, item in value.items():
                    if name in known:
                        continue
                    if rule is False:
                        found.append(f"{path}: unknown field `{name}`")
                    elif isinstance(rule, dict):
                        found += errors(rule, item, root, f"{path}.{name}")
        elif keyword == "propertyNames":
            if isinstance(value, dict):
                for name in value:
                    found += errors(rule, name, root, f"{path} key {name!r}")
        elif keyword == "maxProperties":
            if isinstance(value, dict) and len(value) > rule:
                found.append(f"{path}: more than {rule} names")
        elif keyword == "items":
            if isinstance(value, list):
                for i, item in enumerate(value):
                    found += errors(rule, item, root, f"{path}[{i}]")
        elif keyword == "minItems":
            if isinstance(value, list) and len(value) < rule:
                found.append(f"{path}: fewer than {rule} items")
        elif keyword == "maxItems":
            if isinstance(value, list) and len(value) > rule:
                found.append(f"{path}: more than {rule} items")
        elif keyword == "minimum":
            if TYPES["number"](value) and value < rule:
                found.append(f"{path}: {value} < {rule}")
        elif keyword == "maximum":
            if TYPES["number"](value) and value > rule:
                found.append(f"{path}: {value} > {rule}")
        elif keyword == "pattern":
            if isinstance(value, str) and not re.search(rule, value):
                found.append(f"{path}: {value!r} does not match {rule}")
        else:
            raise ValueError(f"{path}: the validator does not know the keyword `{keyword}`")
    return found
