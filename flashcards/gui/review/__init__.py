"""The review screen: a passive view, its controller, and the end-of-session summary.

The views are imported directly (``flashcards.gui.review.view``); the controller, which brings
the database layer, from ``flashcards.gui.review.controller``: the main window is built before
that layer has loaded.
"""
