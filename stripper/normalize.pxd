# The functions of normalize.py that the compiled modules call line by
# line, for the .pxd files that cimport them: a C call, not a Python one.
# Only the compiled build reads this file; keep it in step with
# normalize.py.

cpdef str normalize(str text)
cpdef str strip_decoration(str norm)
cpdef Py_ssize_t word_count(str text)
cpdef tuple words_and_stopwords(str text, object stopwords, bint lower=*)
cpdef bint is_word_char(Py_UCS4 ch) noexcept  # \w, read character by character (a C call)
cpdef bint holds_arabic_letter(str text)  # asked of a language sample, and of its lines
cpdef Py_ssize_t arabic_chars(str text, Py_ssize_t most=*)  # a sample's share of Arabic, counted in C
