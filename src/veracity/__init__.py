"""veracity: a sourced knowledge graph of who says what about whom in militant-network reporting."""

__version__ = "0.1.0"
