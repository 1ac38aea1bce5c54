# labels.py, compiled: its `f` are LineFeatures, its `t` Thresholds (their .pxd files).
from stripper.generic.features cimport LineFeatures
from stripper.generic.thresholds cimport Thresholds
