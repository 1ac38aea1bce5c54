# cues.py, compiled: `blank` is asked of every line by the classifier
# (classifier.pxd cimports it), a C call there.
cpdef bint blank(str text)
