"""One error base: every exception that carries a message for people is an AppError, with `.message`."""

import pytest

from app.api import errors as api_errors
from app.core import replay
from app.core.matching import MatchError
from app.core.messages import ActionFailed
from app.core.store import StoreWriteError
from app.demo.errors import DemoError
from app.errors import AppError


@pytest.mark.parametrize("error", [
    api_errors.ApiError("mite said no"), api_errors.NetworkError("mite said no"),
    api_errors.InvalidResponse("mite said no"), api_errors.StatusError(423, "mite said no"),
    api_errors.error_for_status(503, "mite said no"), DemoError(404, "mite said no"), ActionFailed("mite said no"),
    StoreWriteError("mite said no"), MatchError("mite said no", ["API Docs"]), replay._Refused("mite said no"),
], ids=type)
def test_every_error_with_a_message_is_an_app_error(error):
    assert isinstance(error, AppError) and error.message == "mite said no"
    assert "mite said no" in str(error)


def test_the_layers_write_no_message_attribute_of_their_own():
    """Only AppError sets `.message`: the classes below inherit it instead of writing it again."""
    for cls in (api_errors.ApiError, DemoError, ActionFailed, MatchError, replay._Refused):
        assert "message" not in cls.__init__.__code__.co_names or cls.__init__ is AppError.__init__, cls
