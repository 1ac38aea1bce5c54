# cues.py, compiled: `blank` is asked of every line by the classifier
# (classifier.pxd cimports it), a C call there.
cpdef bint blank(str text)
# `may_tally_comments` is asked of the lines after the body's start (body.pxd
# cimports it)
cpdef bint may_tally_comments(str text)
