from __future__ import annotations

from data_iac.cli.views.output import Output


def test_known_secrets_are_masked_in_every_line():
    out = Output(secrets=["hunter2-token"])
    assert out.mask("token=hunter2-token;") == "token=(sensitive);"


def test_very_short_values_do_not_garble_words():
    out = Output(secrets=["k", "ab"])
    assert out.mask("dataiku_dataset") == "dataiku_dataset"


def test_longer_secret_wins_over_its_prefix():
    out = Output(secrets=["abcd", "abcdefgh"])
    assert out.mask("x abcdefgh y") == "x (sensitive) y"
