# The fields of Thresholds (thresholds.py), for the compiled modules that
# cimport it: a field read is a struct member's, not an attribute lookup.
# Python objects, as given (an int stays an int). Keep in step with the
# class (tests/test_native.py holds them alike).

cdef class Thresholds:
    cdef readonly object good_words
    cdef readonly object good_stop
    cdef readonly object near_words
    cdef readonly object near_stop
    cdef readonly object short_words
    cdef readonly object no_stoplist_marks
    cdef readonly object link_share_bad
    cdef readonly object counters_bad
    cdef readonly object counter_words
    cdef readonly object separators_bad
    cdef readonly object separator_words
    cdef readonly object digit_share_bad
    cdef readonly object markup_share_bad
    cdef readonly object unpunctuated_words
    cdef readonly object near_weight
    cdef readonly object bad_weight
    cdef readonly object short_cost
    cdef readonly object gap_growth
    cdef readonly object gap_cost_max
    cdef readonly object early_share
    cdef readonly object opening_good_min
    cdef readonly object opening_ends_share
    cdef readonly object wrapped_piece_min_words
    cdef readonly object dated_list_items
    cdef readonly object dated_list_spacing
    cdef readonly object dated_item_max_words
    cdef readonly object headline_min_words
    cdef readonly object headline_max_words
    cdef readonly object headline_lookback
    cdef readonly object headlines_max
    cdef readonly object title_max_words
    cdef readonly object furniture_max_lines
    cdef readonly object furniture_max_words
    cdef readonly object signature_min_words
    cdef readonly object signature_max_words
    cdef readonly object thread_signatures
    cdef readonly object thread_spacing
    cdef readonly object thread_min_prose
    cdef readonly object thread_header_lines
    cdef readonly object comment_count_min_prose
    cdef readonly object comment_count_max_words
    cdef readonly object headline_list_min
    cdef readonly object unended_tail_min_lines
    cdef readonly object ended_share
    cdef readonly object teaser_max_words
    cdef readonly object labelled_end_min_good
    cdef readonly object labelled_end_ended_share
    cdef readonly object teasers_min
    cdef readonly object extension_rounds
    cdef readonly object announce_min_words
    cdef readonly object announce_opening_chars
    cdef readonly object list_item_max_words
    cdef readonly object list_max_items
    cdef readonly object widget_max_lines
    cdef readonly object wrap_max_lines
    cdef readonly object second_article_after_words
    cdef readonly object headline_content_words_min
    cdef readonly object headline_covered
    cdef readonly object wrapped_paragraph_max_lines
