"""The HTTP API and web pages (``veracity serve``): built in :mod:`veracity.serve.web`; kept as the entry point."""

from veracity.serve.web import create_app

__all__ = ["create_app"]
