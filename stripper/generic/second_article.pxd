# second_article.py, compiled: its `lines` are Lines (lines.pxd).
from stripper.generic.lines cimport Lines
