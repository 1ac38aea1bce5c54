# registry.py, compiled: the functions of other modules it calls as C.
# Only the compiled build reads this file.

from stripper.rules.patterns cimport literals_held
