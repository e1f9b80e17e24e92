"""The C interface of gavel (<gavel/gavel.h>) through ctypes: finding the library, declaring
its functions, and turning its status codes and strings into Python values. Internal to the
``gavel`` package."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import pathlib
import threading
from typing import Optional, Tuple

_NULL_ARGUMENT, _INVALID_ARGUMENT, _OUT_OF_MEMORY, _INTERNAL_ERROR = 4, 5, 6, 7

_NAMES = ("libgavel.so.0.1", "libgavel.so", "libgavel.dylib")


def _find() -> str:
    explicit = os.environ.get("GAVEL_LIBRARY")
    if explicit:
        return explicit
    here = pathlib.Path(__file__).resolve().parent
    # Beside the package, or in a lib folder above it (lib/python3/dist-packages/gavel), or in
    # that folder's multiarch one (lib/x86_64-linux-gnu).
    for folder in (here, *list(here.parents)[:3]):
        for place in (folder, *sorted(folder.glob("*-linux-gnu"))):
            for name in _NAMES:
                if (place / name).exists():
                    return str(place / name)
    for name in ("gavel",):
        found = ctypes.util.find_library(name)
        if found:
            return found
    raise OSError("cannot find the gavel library (libgavel.so): set GAVEL_LIBRARY to its path")


class Library:
    """The loaded shared library, its functions declared."""

    def __init__(self, path: str) -> None:
        lib = ctypes.CDLL(path)
        p, size, char_p = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p
        out, out_len = ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t)
        status = ctypes.c_int
        lib.gavel_version.restype, lib.gavel_version.argtypes = char_p, []
        lib.gavel_status_name.restype, lib.gavel_status_name.argtypes = char_p, [status]
        lib.gavel_policy_load_file.restype = status
        lib.gavel_policy_load_file.argtypes = [char_p, ctypes.POINTER(p), out, out_len]
        lib.gavel_policy_load_text.restype = status
        lib.gavel_policy_load_text.argtypes = [char_p, size, char_p, ctypes.POINTER(p), out, out_len]
        lib.gavel_policy_free.restype, lib.gavel_policy_free.argtypes = status, [p]
        lib.gavel_decider_new.restype, lib.gavel_decider_new.argtypes = status, [p, ctypes.POINTER(p)]
        lib.gavel_decider_free.restype, lib.gavel_decider_free.argtypes = status, [p]
        lib.gavel_decide.restype = status
        lib.gavel_decide.argtypes = [p, char_p, size, ctypes.c_uint, out, out_len]
        lib.gavel_why_not.restype = status
        lib.gavel_why_not.argtypes = [p, char_p, size, out, out_len]
        lib.gavel_string_free.restype, lib.gavel_string_free.argtypes = status, [p]
        self._lib = lib
        self.path = path

    def version(self) -> str:
        return self._lib.gavel_version().decode("ascii")

    def _failed(self, status: int) -> None:
        if status == _OUT_OF_MEMORY:
            raise MemoryError("gavel: out of memory")
        if status in (_NULL_ARGUMENT, _INVALID_ARGUMENT, _INTERNAL_ERROR):
            raise RuntimeError(f"gavel: {self._lib.gavel_status_name(status).decode('ascii')}")

    def _taken(self, pointer: ctypes.c_void_p, length: ctypes.c_size_t) -> bytes:
        """The bytes of a string gavel handed out, which is then freed."""
        if not pointer.value:
            return b""
        try:
            return ctypes.string_at(pointer.value, length.value)
        finally:
            self._lib.gavel_string_free(pointer)

    def load_file(self, path: bytes) -> Tuple[int, Optional[int], bytes]:
        handle, text, length = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_size_t()
        status = self._lib.gavel_policy_load_file(path, ctypes.byref(handle), ctypes.byref(text), ctypes.byref(length))
        diagnostics = self._taken(text, length)
        self._failed(status)
        return status, handle.value, diagnostics

    def load_text(self, text: bytes, name: bytes) -> Tuple[int, Optional[int], bytes]:
        handle, out, length = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_size_t()
        status = self._lib.gavel_policy_load_text(text, len(text), name, ctypes.byref(handle), ctypes.byref(out),
                                                  ctypes.byref(length))
        diagnostics = self._taken(out, length)
        self._failed(status)
        return status, handle.value, diagnostics

    def policy_free(self, handle: int) -> None:
        self._lib.gavel_policy_free(handle)

    def decider_new(self, policy: int) -> int:
        handle = ctypes.c_void_p()
        self._failed(self._lib.gavel_decider_new(policy, ctypes.byref(handle)))
        return handle.value

    def decider_free(self, handle: int) -> None:
        self._lib.gavel_decider_free(handle)

    def decide(self, decider: int, request: bytes, options: int) -> Tuple[int, bytes]:
        out, length = ctypes.c_void_p(), ctypes.c_size_t()
        status = self._lib.gavel_decide(decider, request, len(request), options, ctypes.byref(out),
                                        ctypes.byref(length))
        answer = self._taken(out, length)
        self._failed(status)
        return status, answer

    def why_not(self, decider: int, request: bytes) -> Tuple[int, bytes]:
        out, length = ctypes.c_void_p(), ctypes.c_size_t()
        status = self._lib.gavel_why_not(decider, request, len(request), ctypes.byref(out), ctypes.byref(length))
        answer = self._taken(out, length)
        self._failed(status)
        return status, answer


_library: Optional[Library] = None
_lock = threading.Lock()


def library() -> Library:
    """The library, loaded on first use."""
    global _library
    with _lock:
        if _library is None:
            _library = Library(_find())
        return _library
