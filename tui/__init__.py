"""Final Round: a keyboard-driven terminal workspace for second-round and final interviews."""

__version__ = "0.1.0"
