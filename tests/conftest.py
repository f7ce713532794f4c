from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def assistant():
    import replyaid

    return replyaid.Assistant()
