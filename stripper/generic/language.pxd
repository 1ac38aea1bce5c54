# language.py, compiled: the functions of normalize.py it calls a sample
# (`_mostly_arabic`, `stays_arabic`), as C calls. Only the compiled build
# reads this file.

from stripper.normalize cimport arabic_chars, holds_arabic_letter
