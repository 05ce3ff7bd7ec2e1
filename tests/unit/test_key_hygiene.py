"""The API key is checked where it comes in, and never reaches a log line or an error message."""

import asyncio
import io
import logging
import string
import subprocess
import sys

import h11
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import logs
from app.api import errors
from app.api.apikey import MAX_LENGTH, clean_key
from app.api.client import MiteClient
from app.core import account
from app.core.messages import describe

KEY = "5e8f2c9a1b7d3046"
VISIBLE_ASCII = set(string.ascii_letters + string.digits + string.punctuation)


@given(st.text(max_size=80))
@settings(max_examples=200, deadline=None)
def test_any_text_is_either_a_header_safe_key_or_refused_without_echoing_it(text):
    try:
        key = clean_key(text)
    except errors.InvalidKey as exc:
        # the message depends on the flaw only, so it cannot carry any part of the key
        assert str(exc) == errors.InvalidKey(exc.flaw).message
        assert exc.flaw in errors.InvalidKey.FLAWS
        return
    assert key == text.strip() and 0 < len(key) <= MAX_LENGTH and set(key) <= VISIBLE_ASCII
    h11.Request(method="GET", target="/", headers=[("Host", "x"), ("X-MiteApiKey", key)])  # a valid header


@pytest.mark.parametrize("text, flaw", [
    ("", "empty"), ("   \n", "empty"), ("5e8f2c9a 1b7d3046", "space"), ("5e8f2c9a\n1b7d3046", "space"),
    ("5e8f2c9a\x1b1b7d3046", "control"), ("5e8f2c9a\x7f1b7d3046", "control"), ("5e8f2c9a\x851b7d3046", "control"),
    ("5e8f2c9ä1b7d3046", "non-ascii"), ("5e8f2c9a\u202e1b7d3046", "non-ascii"), ("a" * (MAX_LENGTH + 1), "length"),
])
def test_the_flaw_is_named(text, flaw):
    with pytest.raises(errors.InvalidKey) as caught:
        clean_key(text)
    assert caught.value.flaw == flaw


def test_surrounding_whitespace_is_stripped_as_before():
    assert clean_key(f"  {KEY}\n") == KEY


@pytest.mark.parametrize("bad", ["5e8f2c9a\n1b7d3046", "5e8f2c9ä1b7d3046", "5e8f2c9a\x001b7d3046"])
def test_the_client_refuses_a_key_that_cannot_be_a_header(bad):
    with pytest.raises(errors.InvalidKey) as caught:
        MiteClient("https://acme.mite.de", bad)
    assert "5e8f2c9" not in str(caught.value) and "1b7d3046" not in str(caught.value)
    assert "API key" in describe(caught.value)


@pytest.mark.parametrize("bad, says", [
    ("5e8f2c9a\n1b7d3046", "space"), ("5e8f2c9ä1b7d3046", "letters outside"), ("5e8f2c9a\x1b1b7d3046", "control"),
])
def test_a_bad_key_in_the_environment_is_refused_with_a_message(monkeypatch, bad, says):
    monkeypatch.setenv("MITE_API_KEY", bad)
    with pytest.raises(account.KeychainUnavailable) as caught:  # callers treat it as "not signed in"
        asyncio.run(account.load_key("https://acme.mite.de"))
    assert isinstance(caught.value, account.BadKey)
    assert "MITE_API_KEY" in caught.value.message and says in caught.value.message
    assert "5e8f2c9" not in caught.value.message and "1b7d3046" not in caught.value.message


def test_a_bad_key_in_the_keychain_asks_to_sign_in_again(isolated):
    isolated.passwords[("mite-tray", "https://acme.mite.de")] = "5e8f2c9a\x001b7d3046"
    with pytest.raises(account.BadKey) as caught:
        asyncio.run(account.load_key("https://acme.mite.de"))
    assert "keychain" in caught.value.message and "sign in again" in caught.value.message
    assert "5e8f2c9" not in caught.value.message


def test_login_check_refuses_before_sending():
    with pytest.raises(account.SignInError) as caught:  # acme.mite.de is never asked: refused first
        asyncio.run(account.sign_in("https://acme.mite.de", "5e8f2c9ä1b7d3046"))
    assert "letters outside" in caught.value.message and "5e8f2c9" not in caught.value.message


# -- the redacting log filter ------------------------------------------------------------------------


def logger_with_filter(name):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(logs.RedactingFilter())
    logger = logging.getLogger(name)
    logger.handlers[:] = [handler]
    logger.propagate = False
    return logger, stream


def test_a_registered_key_is_masked_in_messages_args_and_tracebacks():
    key = "5e8f2c9a\n1b7d3046"
    logs.register_secret(key)
    logger, stream = logger_with_filter("test.redact.traceback")

    def fail():
        raise RuntimeError(f"Illegal header value {key.encode()!r} and raw {key}")
    try:
        fail()
    except RuntimeError:
        logger.exception("request with %s failed", key)
    logger.warning("json %s", '{"key": "5e8f2c9a\\n1b7d3046"}')
    logger.error("stack", stack_info=True)  # the stack text quotes this line: 5e8f2c9a 1b7d3046
    text = stream.getvalue()
    assert "Traceback" in text and "RuntimeError" in text and "Stack (most recent call last)" in text
    # one mask or one per part: other tests may have registered the key's spaced form as a whole
    assert "the stack text quotes this line: [redacted]" in text
    assert "5e8f2c9a" not in text and "1b7d3046" not in text
    for piece in ("5e8f2c9a", "1b7d3046"):
        assert piece not in text


def test_any_mite_api_key_header_value_is_masked_even_unregistered():
    logger, stream = logger_with_filter("test.redact.header")
    for shape in ("X-MiteApiKey: abcdef0123456789", "{'x-miteapikey': 'abcdef0123456789'}",
                  "[(b'X-MiteApiKey', b'abcdef0123456789')]", "X-MiteApiKey=abcdef0123456789"):
        logger.warning("headers %s", shape)
    assert "abcdef0123456789" not in stream.getvalue() and stream.getvalue().count("[redacted]") == 4


def test_short_strings_are_not_registered_so_logs_stay_readable():
    logs.register_secret("ab")
    logger, stream = logger_with_filter("test.redact.short")
    logger.warning("about a table")
    assert stream.getvalue() == "WARNING about a table\n"


def test_main_installs_the_filter_on_the_root_handlers(monkeypatch, capsys):
    from app import main as main_module
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    main_module.main(["autostart", "status"])  # configures logging like every run
    assert root.handlers and all(any(isinstance(f, logs.RedactingFilter) for f in h.filters) for h in root.handlers)
    logs.register_secret(KEY)
    logging.getLogger("app.test").warning("key %s", KEY)
    assert KEY not in capsys.readouterr().err


def test_an_uncaught_exception_is_logged_redacted(tmp_path):
    """The last resort: a crash's traceback (printed by Python, not by logging) is redacted too."""
    code = ("import sys; from app import logs; logs.install(False); logs.register_secret('5e8f2c9a1b7d3046')\n"
            "raise RuntimeError('bad header 5e8f2c9a1b7d3046')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "RuntimeError" in done.stderr and "[redacted]" in done.stderr
    assert "5e8f2c9a1b7d3046" not in done.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="read in-process elsewhere")
def test_a_bad_keychain_key_read_by_the_app_s_child_is_refused_too(tmp_path):
    from tests.unit.test_settings_secrets import in_child_app
    got = in_child_app(tmp_path, {"mite-tray https://acme.mite.de": "5e8f2c9a\u202e1b7d3046"})
    assert "keychain cannot be used" in got["error"] and "sign in again" in got["error"]
    assert "5e8f2c9a" not in got["error"] and "key" not in got
