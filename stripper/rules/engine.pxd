# The fields of Context (engine.py), compiled: the kind functions typed to
# take one read them as C reads a struct's, and call its per-line methods
# in C. Its cached properties keep an instance dict. Only the compiled
# build reads this file; keep it in step with Context.__init__
# (tests/test_native.py holds them alike).

from stripper.normalize cimport strip_decoration, word_count
from stripper.sentence cimport ends_sentence

cdef class Context:
    cdef dict __dict__
    cdef public object doc
    cdef public object rules
    cdef public dict occurs
    cdef public object norm
    cdef public list _words
    cdef public set claimed
    cdef public list cuts
    cdef public list held_tails
    cdef public dict _lines_with
    cdef public object _scanned
    cdef public dict _cut_texts
    cpdef bint matches(self, object pattern, Py_ssize_t i)
    cpdef object words(self, Py_ssize_t i)
    cpdef bint free(self, Py_ssize_t i)
