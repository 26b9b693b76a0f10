from scrapy.exceptions import DropItem


class DistinctPairs:
    """Keeps each (url, text) pair once, as AudioCrawl's item pipeline does."""

    def __init__(self):
        self.seen = set()

    def process_item(self, item, spider):
        key = (item["url"], item["text"])
        if key in self.seen:
            raise DropItem("duplicate pair")
        self.seen.add(key)
        return item
