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

# The `cached` descriptor (model.py's _Cached), compiled: an extension type,
# whose first read of a property Python calls in C (tp_descr_get). Its
# __dict__ holds the docstring of the function it caches.

cdef class _Cached:
    cdef dict __dict__
    cdef readonly object func
    cdef readonly object name
