from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from establishments.models import validate_uai
from establishments.uai import is_valid_uai, uai_error

# The worked examples of FORMATS-SIECLE-BEE.md §7.1.
DOCUMENTED_UAIS = [
    "0752387M",
    "0750680G",
    "0660864F",
    "0140070A",
    "0931434D",
    "0310053P",
    "0590181B",
    "0750654D",
    "0752524L",
    "0920131T",
    "0123456S",
]


@pytest.mark.parametrize("uai", DOCUMENTED_UAIS)
def test_it_accepts_the_documented_uais(uai):
    assert is_valid_uai(uai)


@pytest.mark.parametrize("uai", ["0750654A", "0752387N", "0123456T", "1237457A"])
def test_it_refuses_a_wrong_check_letter(uai):
    assert not is_valid_uai(uai)
    assert "lettre de contrôle" in uai_error(uai)


def test_it_names_the_expected_letter():
    assert uai_error("0750654A").endswith("devrait être D.")


@pytest.mark.parametrize("uai", ["0750654d", " 0750654D", "0750654D ", "075 0654D"])
def test_it_refuses_lower_case_and_spaces(uai):
    assert not is_valid_uai(uai)


@pytest.mark.parametrize("uai", ["", "123ABC", "07506540", "750654D", "00750654D", "0750654I", "0750654O", "0750654Q"])
def test_it_refuses_malformed_codes(uai):
    assert not is_valid_uai(uai)


def test_the_model_validator_raises_a_french_message():
    with pytest.raises(ValidationError, match="n'est pas un code UAI"):
        validate_uai("123ABC")
