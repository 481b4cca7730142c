"""Content-Security-Policy meta tags, written into every built HTML file after the build.

A Material page may run scripts from the site itself and the theme's own inline scripts (their
sha256 hashes, computed from the built file); nothing else. A document without the theme (an embed
card, a redirect page) runs no script at all. A static host cannot send headers, so what only a
header can do (frame-ancestors, report-to) is out of reach: see docs/*/for-clinics.md.
"""

from __future__ import annotations

import base64
import hashlib

PAGE_POLICY = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
               "object-src 'none'; base-uri 'self'; form-action 'none'")
STANDALONE_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
                     "object-src 'none'; base-uri 'none'; form-action 'none'")
META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'
ANCHORS = ('<meta charset="utf-8">', "<head>")


def script_hash(text: str) -> str:
    """The CSP source expression of an inline script: the hash of its text as the browser sees it."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(inline_scripts: list[str], standalone: bool) -> str:
    """The policy of one document. Scripts fetch from the site's own origin only (Material's
    sitemap lookup, which fetched from site_url, is held back: docs/assets/search-on-demand.js)."""
    if standalone:  # only the site's own scripts pass the allowlist there (the /404.html picker)
        hashes = " ".join(dict.fromkeys(script_hash(s) for s in inline_scripts))
        return STANDALONE_POLICY + (f"; script-src {hashes}" if hashes else "")
    hashes = "".join(f" {h}" for h in dict.fromkeys(script_hash(s) for s in inline_scripts))
    return PAGE_POLICY.format(hashes=hashes)


def add_meta(html_text: str, content: str) -> str | None:
    """The document with the policy as the first tag of <head> (before any script); None when
    the document has no <head> to put it in."""
    tag = META.format(policy=content)
    for anchor in ANCHORS:
        index = html_text.find(anchor)
        if index >= 0:
            end = index + len(anchor)
            return html_text[:end] + tag + html_text[end:]
    return None
