"""The peers' own test files live here as data (test inputs and their provenance), not as tests to run."""

collect_ignore_glob = ["*"]
