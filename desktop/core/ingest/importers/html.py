"""Saved web pages (``.html``/``.htm`` with their ``_files`` folder, or ``.mhtml``).

Finds the article's title, date, author, main text and its images with
captions (``<figure>/<figcaption>``, caption tables and caption paragraphs
common on Vietnamese government and Party portals) and drops menus, related
links, counters and footers.  Nothing is ever fetched from the network and
no path outside the page's own folder is followed.
"""

from __future__ import annotations

import base64
import binascii
import email
import email.policy
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree
from lxml import html as lhtml

from desktop.core.dates import parse_date_line
from desktop.core.draft import ArticleDraft, PhotoDraft
from desktop.core.ingest.encoding import decode_text
from desktop.core.ingest.plaintext import ParseError, caption_parts, parse_plaintext

MAX_IMAGE_BYTES = 40 * 1024 * 1024
_NOISE = re.compile(
    r"menu|nav|footer|sidebar|related|lien-?quan|tin-?khac|comment|binh-?luan|share|social|banner|breadcrumb|"
    r"advert|quang-?cao|toolbar|counter|thong-?ke|search|login|header-top|tags?-?list",
    re.IGNORECASE,
)
_DROP_TAGS = ("script", "style", "nav", "footer", "aside", "form", "iframe", "noscript", "button", "select", "svg")

Resolver = Callable[[str], bytes | None]


def _clean(tree) -> None:
    for element in list(tree.iter(*_DROP_TAGS)):
        element.drop_tree()
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')}"
        if _NOISE.search(marker) and element.tag not in ("body", "html", "article"):
            element.drop_tree()


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _main(tree):
    """The element holding most paragraph text: the article body."""
    best, best_score = None, 0
    for candidate in tree.iter("article", "div", "section", "td", "main"):
        score = sum(len(_text(p)) for p in candidate.iterchildren("p", "div", "figure", "table", "h2", "h3"))
        if candidate.tag == "article":
            score *= 1.5
        if score > best_score:
            best, best_score = candidate, score
    return best if best is not None else tree


def _meta(tree, *names: str) -> str | None:
    for name in names:
        for element in tree.iter("meta"):
            if name in (element.get("property"), element.get("name"), element.get("itemprop")):
                content = (element.get("content") or "").strip()
                if content:
                    return content
    return None


def _caption_near(img) -> tuple[str, str | None] | None:
    figure = next((a for a in img.iterancestors("figure")), None)
    if figure is not None:
        caption = figure.find(".//figcaption")
        if caption is not None and _text(caption):
            return caption_parts(_text(caption)) or (_text(caption), None)
    table = next((a for a in img.iterancestors("table")), None)
    if table is not None:
        texts = [_text(td) for td in table.iter("td") if _text(td)]
        if texts and len(texts) <= 3:
            return caption_parts(texts[-1]) or (texts[-1], None)
    holder = img.getparent()
    while holder is not None and holder.tag in ("a", "span", "strong", "em"):
        holder = holder.getparent()
    if holder is not None:
        following = holder.getnext()
        if following is not None and following.tag in ("p", "div", "em", "span") and _text(following):
            parts = caption_parts(_text(following))
            if parts:
                following.set("data-luutru-caption", "1")
                return parts
    alt = (img.get("alt") or "").strip()
    return (alt, None) if alt else None


def _folder_resolver(page: Path) -> Resolver:
    base = page.parent.resolve()

    def resolve(src: str) -> bytes | None:
        if src.startswith("data:"):
            header, _, payload = src.partition(",")
            try:
                data = base64.b64decode(payload, validate=False) if ";base64" in header else unquote(payload).encode()
            except (binascii.Error, ValueError):
                return None
            return data if len(data) <= MAX_IMAGE_BYTES else None
        parsed = urlparse(src)
        if parsed.scheme not in ("", "file") or parsed.netloc:
            return None  # never fetch from the network
        target = (page.parent / unquote(parsed.path)).resolve()
        if not target.is_relative_to(base) or not target.is_file() or target.stat().st_size > MAX_IMAGE_BYTES:
            return None  # outside the page's own folder, missing, or too large
        return target.read_bytes()

    return resolve


def parse_html_text(markup: str, resolve: Resolver) -> ArticleDraft:
    try:
        tree = lhtml.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"trang web hỏng hoặc rỗng ({exc})") from exc
    title = _meta(tree, "og:title", "title")
    heading = tree.find(".//h1")
    if heading is not None and _text(heading):
        title = _text(heading)
    if not title:
        element = tree.find(".//title")
        title = re.split(r"\s+[-|–]\s+", _text(element))[0] if element is not None else None
    published = _meta(tree, "article:published_time", "datePublished", "pubdate", "date")
    author = _meta(tree, "author", "article:author")
    _clean(tree)
    main = _main(tree)
    lines: list[str] = [title] if title else []
    if published:
        lines.append(published.replace("T", " ")[:16])
    photos: list[PhotoDraft] = []
    for element in main.iter("p", "h2", "h3", "h4", "li", "img", "blockquote"):
        if element.tag == "img":
            src = element.get("src") or ""
            data = resolve(src)
            if data is None:
                continue
            caption, credit = _caption_near(element) or ("", None)
            name = None if src.startswith("data:") else unquote(urlparse(src).path).rsplit("/", 1)[-1] or None
            photos.append(PhotoDraft(caption=caption, credit=credit, image=data, name=name))
            continue
        ancestors = {a.tag for a in element.iterancestors()}
        if element.get("data-luutru-caption") or "figure" in ancestors or (element.tag != "li" and "li" in ancestors):
            continue  # captions are taken with their image; list items once, whole
        text = _text(element)
        if text and text != title:
            lines.append(text)
    if not lines:
        raise ParseError("không tìm thấy nội dung bài viết trong trang web")
    draft = parse_plaintext("\n\n".join(lines), find_captions=False)
    draft.photos = photos or draft.photos
    if author and not draft.author:
        draft.author = author
    if published and draft.published_date is None:
        draft.published_date, draft.published_time = parse_date_line(published.replace("T", " ")[:16])
    draft.extract_references()
    return draft


def parse_html(path: Path, data: bytes) -> ArticleDraft:
    """A saved page; ``path`` locates its ``_files`` folder, ``data`` is its bytes."""
    declared = re.search(rb"charset=[\"']?([\w-]+)", data[:4096], re.IGNORECASE)
    text = None
    if declared:
        try:
            text = data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, _ = decode_text(data)
    return parse_html_text(text, _folder_resolver(Path(path)))


def parse_mhtml(data: bytes) -> ArticleDraft:
    message = email.message_from_bytes(data, policy=email.policy.default)
    parts = {}
    markup = None
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        location = part.get("Content-Location", "")
        if part.get_content_type() == "text/html" and markup is None:
            charset = part.get_content_charset() or "utf-8"
            markup = payload.decode(charset, errors="replace")
        elif location:
            parts[location] = payload
            parts[location.rsplit("/", 1)[-1]] = payload
    if markup is None:
        raise ParseError("tệp .mhtml không có trang HTML")

    def resolve(src: str) -> bytes | None:
        data = parts.get(src) or parts.get(src.rsplit("/", 1)[-1])
        return data if data is not None and len(data) <= MAX_IMAGE_BYTES else None

    return parse_html_text(markup, resolve)
