# The fields of Cut (model.py), compiled: an extension type, made in C
# (each cutting step makes one a run of lines). Python objects, as given.
# Keep in step with the class (tests/test_native.py holds them alike).

cdef class Cut:
    cdef readonly object start
    cdef readonly object end
    cdef readonly object rule_id
    cdef readonly object category
    cdef readonly object message
    cdef readonly object span
    cdef readonly object origin
