"""English and French cues the classifier reads (the same roles as
arabic.py's): phrases that announce a list and credit a source."""

from __future__ import annotations

ANNOUNCE_OPENINGS = ("following are", "here are", "voici")
# "the following devices:", "as follows,", "Below is the list of players invited:"
ANNOUNCING_WORDS = ("following", "follows", "below", "suivants?", "suivantes?")
SOURCE_CREDIT_WORDS = ("source", "sources")
# A comment count, a line of its own over the comments: "41 Comments",
# "Comments (41)", "One Comment", "Komentarze (454)", "Wasze komentarze [1]"
COMMENT_WORDS = (
    "comments?",
    "responses?",
    "replies",
    "reactions",
    "commentaires?",
    "kommentare?",
    "comentarios?",
    "comentários?",
    "commenti",
    "komentarz[ey]?",
    "komentarzy",
)
COUNT_WORDS = ("one", "no")
# A byline opens so: "By Jane Doe", "Par Jean Dupont", "Von ...", "Por ..."
BYLINE_OPENINGS = ("by", "par", "von", "por", "di", "written by", "posted by", "words by")
# An author's box under the article: its label ("About the author",
# "Author bio", "À propos de l'auteur"); "About" alone opens one over a
# name ("About Nancy Atkinson") whose text speaks of a person
AUTHOR_BOX_LABELS = ("about the authors?", "about the writer", "author bio(?:graphy)?", "à propos de l'auteur")
AUTHOR_BOX_NAMED = ("about",)
PERSON_WORDS = ("he", "she", "his", "her", "him", "i", "my", "me", "il", "elle", "je")
