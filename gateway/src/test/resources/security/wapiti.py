"""Runs Debian's wapiti 3.0.4 with one fix: its -x (exclude URL) builds a regular expression with
the flags at the end, which Python 3.11 refuses ("global flags not at the start"). The attack
suite needs -x to keep the crawler from signing itself out."""
import re
import sys

import wapitiCore.net.crawler as crawler


def wildcard_translate(pattern):
    body = "".join(".*" if ch == "*" else re.escape(ch) for ch in pattern)
    return re.compile(r"(?ms)" + body + r"\Z")


crawler.wildcard_translate = wildcard_translate

from wapitiCore.main.wapiti import wapiti_main  # noqa: E402

sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
