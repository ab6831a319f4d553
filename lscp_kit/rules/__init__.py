"""The rules: what an item is, when it is public, what the register remembers."""
