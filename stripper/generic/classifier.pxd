# classifier.py, compiled: its `lines` are Lines, `d` Decisions, `f` LineFeatures, `t` Thresholds (their .pxd files).
from stripper.generic.features cimport LineFeatures
from stripper.generic.lines cimport Decision, Lines
from stripper.generic.thresholds cimport Thresholds
from stripper.generic.labels cimport bad_by_shape, first_label, headline_like
