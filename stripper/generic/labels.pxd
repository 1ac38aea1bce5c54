# labels.py, compiled: its `f` arguments are LineFeatures (features.pxd).
from stripper.generic.features cimport LineFeatures
