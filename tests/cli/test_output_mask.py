"""``Output.mask``: every secret is hidden, the longest at a position first, in one pass."""

from __future__ import annotations

from data_iac.cli.views.output import Output
from data_iac.model.sensitive import SENSITIVE_MASK as M


def test_overlapping_secrets_mask_the_longest_match() -> None:
    out = Output(secrets=["token-1", "token-10", ""])
    assert out.mask("token-10 token-1 token-100 token-") == f"{M} {M} {M}0 token-"


def test_regex_characters_in_secrets_are_literal() -> None:
    out = Output(secrets=["a.b*c", "(x|y)"])
    assert out.mask("a.b*c axb*c (x|y) x") == f"{M} axb*c {M} x"


def test_added_secrets_join_the_earlier_ones() -> None:
    out = Output(secrets=["alpha"])
    out.add_secrets(["alphabet", "beta"])
    assert out.mask("alphabet alpha beta gamma") == f"{M} {M} {M} gamma"


def test_without_secrets_text_is_unchanged() -> None:
    assert Output().mask("nothing (to) hide") == "nothing (to) hide"


def test_many_secrets_in_a_large_document_are_all_masked() -> None:
    secrets = [f"pw-{i}-end" for i in range(2000)]
    text = " ".join(secrets) + " pw-x-end"
    masked = Output(secrets=secrets).mask(text)
    assert masked == " ".join([M] * 2000) + " pw-x-end"
