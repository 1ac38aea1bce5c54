# second_article.py, compiled: its `lines` are Lines, its `t` Thresholds (their .pxd files).
from stripper.generic.lines cimport Lines
from stripper.generic.thresholds cimport Thresholds
