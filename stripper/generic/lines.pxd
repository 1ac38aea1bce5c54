# The fields of Decision and Lines (lines.py), for the compiled modules that cimport it:
# a field read is a struct member's, not an attribute lookup. Only the
# compiled build reads this file; keep it in step with their __init__
# (tests/test_native.py holds them alike).

cdef class Decision:
    cdef readonly object step
    cdef readonly object lines
    cdef readonly object verdict
    cdef readonly object reason
    cdef readonly object rule_id
    cdef readonly object category
    cdef readonly bint keep

cdef class Lines:
    cdef public object doc
    cdef public object thresholds
    cdef public object stop
    cdef public object decided
    cdef public object rule_cuts
    cdef public object held_tails
    cdef public list texts
    cdef public list features
    cdef public list first
    cdef public list revised
    cdef public list above
    cdef public list below
    cdef public object pieces
    cdef public object code
    cdef public object dated_list
    cdef public object teaser_list
    cdef public dict cut_short
    cdef public list candidates
    cdef public object body
    cdef public dict body_by
    cdef public object body_said
    cdef public object thread
    cdef public object thread_by
    cdef public object end_label
    cdef public object passed_over
    cdef public set listed
    cdef public object headline_roll
    cdef public object second_article
    cdef public object rules_decided
    cdef public dict decisions
    cdef public list trace
    # the next line with text, asked by the steps line by line: a C call from
    # the modules that cimport Lines
    cpdef object next_line(self, Py_ssize_t i, Py_ssize_t step=*, bint before_thread=*)

# a Decision made in C, from the modules that cimport it (one a line)
cpdef Decision decision(object step, object lines, object verdict, object reason, object rule_id=*, object category=*)
