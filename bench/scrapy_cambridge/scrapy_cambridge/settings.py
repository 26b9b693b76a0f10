# The same crawl settings as AudioCrawl's side of the benchmark: 32 requests in flight, all to the one host,
# robots.txt obeyed, no delay, no cache, no adaptive throttling.
BOT_NAME = "scrapy_cambridge"
SPIDER_MODULES = ["scrapy_cambridge.spiders"]
NEWSPIDER_MODULE = "scrapy_cambridge.spiders"

CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 32
ROBOTSTXT_OBEY = True
DOWNLOAD_DELAY = 0
RANDOMIZE_DOWNLOAD_DELAY = False
AUTOTHROTTLE_ENABLED = False
HTTPCACHE_ENABLED = False
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORT_FIELDS = ["url", "text"]
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"

ITEM_PIPELINES = {"scrapy_cambridge.pipelines.DistinctPairs": 100}
