# body.py, compiled: its `lines` are Lines, its `f` LineFeatures (their .pxd files).
from stripper.generic.features cimport LineFeatures
from stripper.generic.lines cimport Lines
