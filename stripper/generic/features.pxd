from stripper.normalize cimport is_word_char, normalize, word_count, words_and_stopwords
from stripper.sentence cimport ends_sentence

# The C fields of LineFeatures (features.py), read by the compiled modules
# that cimport it: a field read is a struct member's, not an attribute
# lookup. Only the compiled build reads this file; keep it in step with
# LineFeatures.FIELDS (tests/test_native.py holds them alike).

cdef class LineFeatures:
    cdef readonly Py_ssize_t chars
    cdef readonly Py_ssize_t words
    cdef readonly double stop_share
    cdef readonly bint sentence_end
    cdef readonly Py_ssize_t marks
    cdef readonly Py_ssize_t link_tokens
    cdef readonly double digit_share
    cdef readonly Py_ssize_t dates
    cdef readonly bint run_together
    cdef readonly double position
    cdef readonly bint list_item
    cdef readonly bint dated
    cdef readonly Py_ssize_t counters
    cdef readonly Py_ssize_t separators
    cdef readonly bint connective
    cdef readonly bint goes_on
    cdef readonly bint code_marks

# a line's features, made in C by the modules that cimport it (one a line)
cpdef LineFeatures line_features(str line, object stopwords, double position, object normalized=*)
