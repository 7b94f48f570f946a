"""Terminology: glossary.yaml model, loading, and the compiled matcher (issue 3)."""


def load_glossary(path):
    from ..errors import InputError

    raise InputError(path, None, "glossary support is not built yet")
