"""Run the examples in the docstrings of the installed package."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import replyaid

MODULES = sorted(
    name for _, name, _ in pkgutil.walk_packages(replyaid.__path__, prefix="replyaid.") if not name.endswith("__main__")
)


@pytest.mark.parametrize("name", ["replyaid", *MODULES])
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
