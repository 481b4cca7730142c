"""Report an error: the link under every answer that opens a prefilled GitHub issue form
(.github/ISSUE_TEMPLATE/report-an-error.yml). No JavaScript: a plain link whose query string
fills the form's fields by their ids. The repository comes from configuration (mkdocs.yml
`extra.repository`, set from EXOFAQ_REPOSITORY); without one the links are left out."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

FORM = "report-an-error.yml"
FORM_PATH = f".github/ISSUE_TEMPLATE/{FORM}"
# the form fields the link fills in, by id (tests/test_error_report.py checks they exist in FORM_PATH)
PREFILLED = ("page", "question", "language", "label", "permalink")


def repository_url(value: object) -> str:
    """A usable https://host/owner/repo address, or "" (no links) for anything else."""
    if not isinstance(value, str):
        return ""
    parts = urlsplit(value.strip())
    path = parts.path.strip("/")
    if parts.scheme != "https" or not parts.netloc or path.count("/") != 1 or parts.query or parts.fragment:
        return ""
    return f"https://{parts.netloc}/{path.removesuffix('.git')}"


def report_url(repository: str, *, page: str, question: str, language: str, label: str,
               permalink: str) -> str:
    """The new-issue address with the form chosen and its fields filled in."""
    fields = dict(zip(PREFILLED, (page, question, language, label, permalink)))
    query = {"template": FORM, "title": f"Error report: {page}#{question} ({language})", **fields}
    return f"{repository}/issues/new?{urlencode(query)}"
