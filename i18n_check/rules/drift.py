"""Placeholder: rules of this family are added by their own issue."""

RULES = ()
