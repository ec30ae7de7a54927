"""Tests of the Markdown deck format (flashcards.deckformat)."""
