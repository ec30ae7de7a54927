"""deckformat layer."""
