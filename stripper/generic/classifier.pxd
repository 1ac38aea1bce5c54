# classifier.py, compiled: its `lines` are Lines, `d` Decisions, `f` LineFeatures, `t` Thresholds (their .pxd files).
from stripper.generic.features cimport LineFeatures
from stripper.generic.lines cimport Decision, Lines
from stripper.generic.thresholds cimport Thresholds
