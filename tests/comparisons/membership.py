"""The contract's membership table for outsourcing-vs-offshoring: which strategy has which
option, written once for the tests of the filters, the guide and the table."""

MEMBERSHIP = {
    "outsourcing": {
        "location": {"home-country", "abroad"},
        "performer": {"third-party"},
        "goal": {"focus-on-core", "cut-costs", "access-skills"},
    },
    "offshoring": {
        "location": {"abroad"},
        "performer": {"own-staff"},
        "goal": {"cut-costs", "enter-new-markets", "ease-regulation", "access-skills"},
    },
    "offshore-outsourcing": {
        "location": {"abroad"},
        "performer": {"third-party"},
        "goal": {"cut-costs", "access-skills", "focus-on-core"},
    },
}
ORDER = ["outsourcing", "offshoring", "offshore-outsourcing"]  # the columns, left to right
OPTIONS = {
    "location": ["home-country", "abroad"],
    "performer": ["third-party", "own-staff"],
    "goal": ["cut-costs", "focus-on-core", "access-skills", "enter-new-markets", "ease-regulation"],
}
