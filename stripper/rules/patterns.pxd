# patterns.py, compiled: site detection asks `literals_held` of each
# signature of a document (registry.pxd cimports it), a C call there. Only
# the compiled build reads this file; keep it in step with patterns.py.

cpdef bint literals_held(object doc, tuple sets, bint arabic, object scanned=*)
