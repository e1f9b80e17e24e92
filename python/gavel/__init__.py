"""gavel: may this processing action happen, now, for this person?

The Python interface to gavel's policy engine, over its C interface (``<gavel/gavel.h>``)
with :mod:`ctypes`: nothing but the standard library is needed.

    import gavel
    policy = gavel.load("rules/flexis.gavel")
    decision = policy.decide({"action": "communicate", "purpose": "newsletter",
                              "data": ["identity"], "at": "2026-11-26"}, trace=True)
    if decision["decision"] == "allow": ...

A :class:`Policy` is immutable and may be shared by any number of threads: each thread
decides with a decider of its own, made on its first call. A malformed request raises
:class:`RequestError`; a rule file with errors raises :class:`PolicyError`. The request and
response contract is docs/request.md; the error codes are docs/errors.md.

The shared library is found through the environment variable ``GAVEL_LIBRARY`` (a path), else
in the ``lib/`` folder above this package where ``cmake --install`` put both, else where the
system's loader finds ``libgavel``.
"""

from __future__ import annotations

import json
import os
import threading
from typing import Any, Dict, List, Mapping, Optional, Union

from gavel._native import Library, library

__all__ = [
    "Error",
    "Policy",
    "PolicyError",
    "RequestError",
    "load",
    "loads",
    "version",
]

Request = Union[Mapping[str, Any], str, bytes]

_OK, _POLICY_ERROR, _REQUEST_ERROR, _NOT_DENIED = 0, 1, 2, 3
_TRACE, _EXPLAIN = 1, 2


class Error(Exception):
    """Every error gavel raises for bad input."""


class RequestError(Error, ValueError):
    """A malformed request: it is never an allow.

    ``field`` is where in the request (``purpose``, ``data[1]``,
    ``subject.consent.newsletter.given``; empty for the request as a whole), ``message`` what is
    wrong, ``help`` the likely fix (may be empty), ``code`` the stable code
    (``request.unknown_purpose``; docs/errors.md)."""

    def __init__(self, field: str, message: str, help: str = "", code: str = "") -> None:
        self.field = field
        self.message = message
        self.help = help
        self.code = code
        text = f"{field}: {message}" if field else message
        super().__init__(f"{text}\n  = help: {help}" if help else text)


class PolicyError(Error):
    """A rule file with errors (or that cannot be read): it did not load.

    ``diagnostics`` is a list of dicts with ``file``, ``line``, ``column``, ``severity``,
    ``error`` (False for a warning), ``message``, ``help`` and ``code``; ``report`` is the
    diagnostics as ``gavel check`` prints them."""

    def __init__(self, diagnostics: List[Dict[str, Any]], report: str) -> None:
        self.diagnostics = diagnostics
        self.report = report
        super().__init__(report.rstrip("\n") or "the policy has errors")


def version() -> str:
    """The version of the gavel library, e.g. ``"0.1.0"``."""
    return library().version()


def load(path: Union[str, "os.PathLike[str]"]) -> "Policy":
    """Loads (parses, checks, compiles) the rule file at ``path``.

    Raises :class:`PolicyError` when it has errors or cannot be read."""
    lib = library()
    status, handle, diagnostics = lib.load_file(os.fsencode(path))
    return Policy._loaded(lib, status, handle, diagnostics)


def loads(text: str, name: str = "<policy>") -> "Policy":
    """Loads a policy from its text; ``name`` is what diagnostics call it.

    Raises :class:`PolicyError` when it has errors."""
    lib = library()
    status, handle, diagnostics = lib.load_text(text.encode("utf-8"), name.encode("utf-8"))
    return Policy._loaded(lib, status, handle, diagnostics)


def _request_bytes(request: Request) -> bytes:
    if isinstance(request, bytes):
        return request
    if isinstance(request, str):
        return request.encode("utf-8", "surrogatepass")
    if isinstance(request, Mapping):
        return json.dumps(request, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    raise TypeError(f"a request is a dict or a JSON string, not {type(request).__name__}")


def _refused(answer: bytes) -> RequestError:
    error = json.loads(answer)["error"]
    return RequestError(error.get("field", ""), error.get("message", ""), error.get("help", ""),
                        error.get("code", ""))


class _Decider:
    """One thread's decider; freed with the thread's local storage."""

    def __init__(self, lib: Library, policy_handle: int) -> None:
        self._lib = lib
        self.handle = lib.decider_new(policy_handle)

    def __del__(self) -> None:
        handle, self.handle = getattr(self, "handle", None), None
        if handle:
            self._lib.decider_free(handle)


class Policy:
    """A compiled policy: immutable, safe to share across threads.

    ``warnings`` lists the diagnostics of a policy that loaded (dicts as in
    :class:`PolicyError`)."""

    warnings: List[Dict[str, Any]]

    def __init__(self) -> None:
        raise TypeError("a Policy comes from gavel.load(path) or gavel.loads(text)")

    @classmethod
    def _loaded(cls, lib: Library, status: int, handle: Optional[int], diagnostics: bytes) -> "Policy":
        document = json.loads(diagnostics) if diagnostics else {"diagnostics": [], "report": ""}
        if status != _OK or not handle:
            raise PolicyError(document["diagnostics"], document["report"])
        policy = cls.__new__(cls)
        policy._lib = lib
        policy._handle = handle
        policy._local = threading.local()
        policy.warnings = document["diagnostics"]
        return policy

    def __del__(self) -> None:
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            self._lib.policy_free(handle)

    def _decider(self) -> int:
        decider = getattr(self._local, "decider", None)
        if decider is None:
            decider = _Decider(self._lib, self._handle)
            self._local.decider = decider
        return decider.handle

    def decide_json(self, request: Request, *, trace: bool = False, explain: bool = False) -> str:
        """Decides ``request`` and returns the response as gavel writes it (a JSON string).

        Raises :class:`RequestError` for a malformed request."""
        options = (_TRACE if trace else 0) | (_EXPLAIN if explain else 0)
        status, answer = self._lib.decide(self._decider(), _request_bytes(request), options)
        if status == _REQUEST_ERROR:
            raise _refused(answer)
        return answer.decode("utf-8")

    def decide(self, request: Request, *, trace: bool = False, explain: bool = False) -> Dict[str, Any]:
        """Decides ``request`` (a dict, or its JSON as a string) and returns the response as a
        dict: ``decision`` (``"allow"`` or ``"deny"``), ``decided_by``, ``obligations``, and with ``trace`` the rules and bases
        consulted, with ``explain`` an ``explanation`` in prose (docs/request.md).

        Raises :class:`RequestError` for a malformed request."""
        return json.loads(self.decide_json(request, trace=trace, explain=explain))

    def why_not(self, request: Request) -> Optional[Dict[str, Any]]:
        """For a request the policy denies: the smallest sets of changes that would make it an
        allow, as a dict (``possible``, ``ways``: each with ``changes`` and ``decided_by``,
        ``blocking``, ``denied_by``, ``because``, ``tried``, ``exhaustive``, ``explanation``).
        None when the request is allowed.

        Raises :class:`RequestError` for a malformed request."""
        status, answer = self._lib.why_not(self._decider(), _request_bytes(request))
        if status == _NOT_DENIED:
            return None
        if status == _REQUEST_ERROR:
            raise _refused(answer)
        return json.loads(answer)
