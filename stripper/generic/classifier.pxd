# classifier.py, compiled: its `lines` are Lines, `d` Decisions, `f` LineFeatures, `t` Thresholds (their .pxd files).
from stripper.generic.features cimport LineFeatures, line_features
from stripper.generic.lines cimport Decision, Lines, decision
from stripper.generic.thresholds cimport Thresholds
from stripper.generic.body cimport cut_inside
from stripper.generic.cues cimport blank
from stripper.generic.labels cimport bad_by_shape, category, first_label, headline_like, markup

# the decision on each line, called in C line by line
cpdef object outside_body(Lines lines, Py_ssize_t i)
cpdef object inside_body(Lines lines, Py_ssize_t i)
cpdef object decision_of(Lines lines, Py_ssize_t i)
cpdef object line_decision(Lines lines, Py_ssize_t i)

# the reason of a cut outside the body, said when read: made in C, one a cut line
cdef class _OutsideWhy:
    cdef object lines
    cdef object i
    cdef object where
