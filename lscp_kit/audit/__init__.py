"""The leak audit: every output file read as the public's software reads it."""
