"""This build's version: what `--version`, the reports and the result cache's key say."""

__version__ = "0.1.0"
