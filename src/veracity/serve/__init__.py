"""Interfaces only: the CLI's command modules, the HTTP API and the web pages. Each calls one library function."""
