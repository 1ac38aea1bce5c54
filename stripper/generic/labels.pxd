# labels.py, compiled: its `f` are LineFeatures, its `t` Thresholds (their
# .pxd files); the predicates read for every line are C functions too
# (cpdef: called from C by the modules that cimport them, from Python by
# the others).
from stripper.generic.features cimport LineFeatures
from stripper.generic.thresholds cimport Thresholds
from stripper.normalize cimport is_word_char

cpdef bint glued(LineFeatures f, Thresholds t)
cpdef bint archive_list(LineFeatures f, Thresholds t)
cpdef bint flat_menu(LineFeatures f, Thresholds t)
cpdef bint link_heavy(LineFeatures f, Thresholds t)
cpdef bint bad_by_shape(LineFeatures f, Thresholds t)
cpdef bint unpunctuated(LineFeatures f, Thresholds t)
cpdef bint markup(str text, Thresholds t)
cpdef bint headline_like(LineFeatures f)
cpdef str first_label(LineFeatures f, bint has_stoplist, Thresholds t)
cpdef object value(LineFeatures f, object label, Thresholds t)
cpdef str category(LineFeatures f, Thresholds t, str default=*)
