"""Test helpers shipped to plugin authors (loaded as the ``atrium`` pytest plugin)."""
