"""Wire constants of protocol v1: version, media type, signing headers and the limits every
v1 server enforces."""

PROTOCOL_VERSION = 1
# The push body and answer a client asks for with "v": 2 (docs/sync-protocol.md 5.4): the answer
# carries each applied change's new voter version ("nv") and names missing files by seq, and a
# pull that says v=2 leaves out the device's own changes coming back (no echo). Paths, headers
# and signing stay those of protocol 1; a v1 client gets exactly the v1 documents.
DOC_VERSION_NO_ECHO = 2
# Version 3 extends no echo to recruitment applications: "nv" also gives an application.submit's
# outcome version, and a pull that says v=3 leaves out the device's own applications as it
# wrote them. Its own number, because a v2 laptop keeps no outcome row of its own from "nv":
# leaving its applications out of its v=2 pull would leave it without them.
DOC_VERSION_APPLICATION_NO_ECHO = 3
DOC_VERSIONS = (PROTOCOL_VERSION, DOC_VERSION_NO_ECHO, DOC_VERSION_APPLICATION_NO_ECHO)
API_PREFIX = "/v1"
# Push bodies, push results and pull pages: a zlib stream (RFC 1950) of UTF-8 JSON. Compression
# belongs to the media type, not to HTTP Content-Encoding, so proxies and HTTP libraries never
# inflate or re-encode what the signature covers. Everything else is plain application/json.
MEDIA_TYPE = "application/vnd.lapang.v1+zlib"

HEADER_PROTOCOL = "X-Lapang-Protocol"
HEADER_DEVICE = "X-Lapang-Device"
HEADER_TIMESTAMP = "X-Lapang-Timestamp"
HEADER_NONCE = "X-Lapang-Nonce"
HEADER_SIGNATURE = "X-Lapang-Signature"

# Limits every v1 server enforces; a server may advertise tighter ones at enrollment.
CLOCK_SKEW_SECONDS = 300
MAX_BODY_BYTES = 1 << 20  # compressed request body
MAX_INFLATED_BYTES = 8 << 20  # a 1 MiB body must not inflate into memory exhaustion
# Arrays and objects nested deeper than this are refused unparsed. v1 documents nest five
# levels at most (a push row's application payload and its attachments); Python's parser
# exhausts its stack near 1000.
MAX_JSON_DEPTH = 32
MAX_BATCH_CHANGES = 1000
MAX_CHUNK_BYTES = 256 << 10
MAX_ATTACHMENT_BYTES = 20 << 20
PULL_PAGE_DEFAULT = 2000
PULL_PAGE_MAX = 5000
# Integers that every JSON parser and a signed 64-bit database column hold exactly.
MAX_SEQ = 2**53 - 1
MAX_VERSION = 2**31 - 1
