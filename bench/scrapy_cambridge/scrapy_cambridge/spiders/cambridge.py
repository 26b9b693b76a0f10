"""The Scrapy side of the benchmark: the same extraction as AudioCrawl's `cambridge` spider.

Browse index -> letter pages -> range pages -> entry pages; on an entry page, every pronunciation group
(span.dpron-i) that sits inside an entry block gives the block's headword and its audio/mpeg source, one pair
per distinct recording per page.
"""
from urllib.parse import unquote, urlparse

import scrapy

BLOCK_CLASSES = ("entry-body__el", "pv-block", "idiom-block", "phrase-block")
NEAREST_BLOCK = "ancestor::*[{}][1]".format(
    " or ".join("contains(concat(' ', normalize-space(@class), ' '), ' {} ')".format(c) for c in BLOCK_CLASSES)
)
HEADWORD_SELECTORS = (".hw.dhw", ".di-title", ".headword", ".phrase-title")


def clean(text):
    collapsed = " ".join((text or "").split())
    return collapsed or None


def segments(url):
    return [s for s in urlparse(url).path.split("/") if s]


def browse_depth(url, dictionary):
    parts = segments(url)
    for i in range(len(parts) - 1):
        if parts[i] == "browse" and unquote(parts[i + 1]).lower() == dictionary:
            return len(parts) - i - 2
    return -1


def is_entry(url, dictionary):
    parts = segments(url)
    for i in range(len(parts) - 1):
        if parts[i] == "dictionary" and unquote(parts[i + 1]).lower() == dictionary:
            return len(parts) == i + 3
    return False


def nearest_block(selector):
    found = selector.xpath(NEAREST_BLOCK)
    return found[0] if found else None


def is_block(selector):
    classes = (selector.attrib.get("class") or "").split()
    return any(c in classes for c in BLOCK_CLASSES)


class CambridgeSpider(scrapy.Spider):
    name = "cambridge"

    def __init__(self, base_url="http://127.0.0.1:8080/", dictionary="english", **kwargs):
        super().__init__(**kwargs)
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.dictionary = dictionary

    async def start(self):
        yield scrapy.Request(f"{self.base_url}browse/{self.dictionary}/", callback=self.parse_index)

    # Scrapy < 2.13 calls start_requests instead of start.
    def start_requests(self):
        yield scrapy.Request(f"{self.base_url}browse/{self.dictionary}/", callback=self.parse_index)

    def links(self, response, css):
        seen = set()
        for href in response.css(css).xpath("@href").getall():
            url = response.urljoin(href.strip())
            if url.startswith("http") and url not in seen:
                seen.add(url)
                yield url

    def parse_index(self, response):
        for url in self.links(response, "a[href]"):
            if browse_depth(url, self.dictionary) == 1:
                yield scrapy.Request(url, callback=self.parse_browse)

    def parse_browse(self, response):
        # The blocks public scrapers of the live site read on letter and range pages.
        for url in self.links(response, "div.hlh32.hdb.dil.tcbd a[href]"):
            if is_entry(url, self.dictionary):
                yield scrapy.Request(url, callback=self.parse_entry, priority=2)
            elif browse_depth(url, self.dictionary) >= 2:
                yield scrapy.Request(url, callback=self.parse_browse, priority=1)

    def parse_entry(self, response):
        if not is_entry(response.url, self.dictionary):
            self.crawler.stats.inc_value("cambridge/not_found")
            return
        emitted = set()
        for group in response.css(".dpron-i"):
            block = nearest_block(group)
            if block is None:
                continue
            headword = self.headword_of(block)
            if headword is None:
                continue
            mp3 = self.mp3_of(group, response)
            if mp3 is not None and mp3 not in emitted:
                emitted.add(mp3)
                yield {"url": mp3, "text": headword}

    def headword_of(self, block):
        current = block
        while current is not None:
            for css in HEADWORD_SELECTORS:
                for candidate in current.css(css):
                    owner = nearest_block(candidate)
                    if owner is not None and owner.root is current.root:
                        text = clean(candidate.xpath("string()").get())
                        if text:
                            return text
                        break
            current = nearest_block(current)
        return None

    @staticmethod
    def mp3_of(group, response):
        for source in group.css("source[src], audio[src]"):
            url = response.urljoin(source.attrib["src"].strip())
            kind = (source.attrib.get("type") or "").strip().lower()
            if kind in ("audio/mpeg", "audio/mp3") or (not kind and urlparse(url).path.lower().endswith(".mp3")):
                return url
        return None
