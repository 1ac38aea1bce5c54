# sentence.py's test of a line's end, asked of every line, for the .pxd
# files that cimport it: a C call, not a Python one. Only the compiled
# build reads this file; keep it in step with sentence.py.

cpdef bint ends_sentence(str text)
