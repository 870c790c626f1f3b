"""What the corrections tests share: the cell they suggest for, and a reader's post."""

COMPARISON = "outsourcing-vs-offshoring"
SUGGEST = f"/compare/{COMPARISON}/suggest/"
CELL = "?strategy=offshoring&dimension=risks"
URL = SUGGEST + CELL
THANKS = f"/compare/{COMPARISON}/suggest/thanks/"
CELL_NAME = "Offshoring × Risks and drawbacks"


def suggestion_data(**overrides):
    return {
        "text": "Add: currency risk when costs are paid in another currency.",
        "source_url": "https://example.org/currency-risk",
        "email": "reader@example.org",
        **overrides,
    }
