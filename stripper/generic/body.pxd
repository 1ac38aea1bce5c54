# body.py, compiled: its `lines` are Lines, its `f` LineFeatures, its `t` Thresholds (their .pxd files).
from stripper.generic.features cimport LineFeatures
from stripper.generic.lines cimport Lines
from stripper.generic.thresholds cimport Thresholds
from stripper.generic.labels cimport bad_by_shape, headline_like, link_heavy, markup, value
from stripper.generic.cues cimport may_tally_comments

cpdef bint cut_inside(Lines lines, Py_ssize_t i)  # called in C line by line
cpdef object search_value(Lines lines, Py_ssize_t i, Thresholds t)  # a line's value, read line by line
cpdef bint ends_sentence(Lines lines, Py_ssize_t i)  # asked of every line of the body, again and again
cpdef bint counts_comments(Lines lines, Thresholds t, Py_ssize_t i)  # asked of the body's lines after its prose
cpdef bint code_line(Lines lines, Py_ssize_t i)  # asked of each line of a block without a good line
cpdef bint table_row(Lines lines, Py_ssize_t i)  # and so is this
