"""The names of Cython's pure-Python mode that the compiled modules use,
for running them as plain Python where Cython is not installed: types are
Python's own, decorators change nothing. (Compiled, a module's
`import cython` is Cython's own and this file is never read.)"""

from __future__ import annotations

import builtins
import dataclasses  # noqa: F401 - @cython.dataclasses.dataclass: the standard library's

compiled = False
bint = bool
Py_ssize_t = builtins.int
Py_UCS4 = str
double = float


def cfunc(function):
    return function


ccall = cfunc
cclass = cfunc  # @cython.cclass: an extension type compiled, a class as Python


def boundscheck(_checked):  # @cython.boundscheck(False): a directive, nothing as Python
    return cfunc


wraparound = boundscheck
nonecheck = boundscheck


def inline(function):  # @cython.inline on a cfunc: C's inline
    return function


def exceptval(*_value, check=True):  # @cython.exceptval(check=False): what the C function returns on error
    return cfunc


def returns(_type):  # @cython.returns(cython.bint): a cfunc's C return type
    return cfunc


def declare(_type=None, value=None, **_kwargs):  # x = cython.declare(type, value): a typed C variable
    return value


def locals(**_types):  # noqa: A001 - Cython's name
    return cfunc


class int(builtins.int):  # noqa: A001, N801 - Cython's name; `int[:]` (a typed memory view) means nothing here
    def __class_getitem__(cls, _item):
        return cls


class uchar(builtins.int):  # noqa: N801 - Cython's name, as `int` above
    def __class_getitem__(cls, _item):
        return cls


class ushort(builtins.int):  # noqa: N801 - Cython's name, as `int` above
    def __class_getitem__(cls, _item):
        return cls
