#include "httpparser.h"

#include <QtCore/qbytearrayalgorithms.h>

#include <cstring>

namespace stampede::gateway {

namespace {

bool equalsNoCase(const char *a, qsizetype len, const char *lit)
{
    const qsizetype n = qsizetype(std::strlen(lit));
    return len == n && qstrnicmp(a, lit, n) == 0;
}

bool containsTokenNoCase(const char *v, qsizetype len, const char *token)
{
    const qsizetype n = qsizetype(std::strlen(token));
    for (qsizetype i = 0; i + n <= len; ++i) {
        if (qstrnicmp(v + i, token, n) == 0)
            return true;
    }
    return false;
}

void trim(const char *&v, qsizetype &len)
{
    while (len > 0 && (*v == ' ' || *v == '\t'))
        ++v, --len;
    while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t'))
        --len;
}

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || std::strchr("!#$%&'*+-.^_`|~", c);
}

enum class Number { Ok, Bad, TooBig };

// Parses a non-negative decimal or hex number no larger than `limit`.
Number parseNumber(const char *v, qsizetype len, int base, qsizetype limit, qsizetype *out)
{
    if (len <= 0)
        return Number::Bad;
    qsizetype n = 0;
    bool tooBig = false;
    for (qsizetype i = 0; i < len; ++i) {
        const char c = v[i];
        int d = c >= '0' && c <= '9' ? c - '0' : -1;
        if (base == 16 && d < 0)
            d = c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return Number::Bad;
        if (!tooBig)
            n = n * base + d;
        tooBig = tooBig || n > limit;
    }
    *out = n;
    return tooBig ? Number::TooBig : Number::Ok;
}

} // namespace

void HttpRequestParser::reset()
{
    m_state = State::RequestLine;
    m_request = HttpRequest {};
    m_headerBytes = 0;
    m_remaining = 0;
    m_haveLength = false;
    m_chunked = false;
    m_continueSent = false;
    m_errorStatus = 0;
    m_errorReason = "";
}

HttpRequestParser::Status HttpRequestParser::fail(int status, const char *reason)
{
    m_state = State::Failed;
    m_errorStatus = status;
    m_errorReason = reason;
    return Status::Error;
}

HttpRequestParser::Status HttpRequestParser::parse(const char *data, qsizetype size, qsizetype *pos)
{
    while (*pos < size || m_state == State::Done) {
        const char *begin = data + *pos;
        const qsizetype avail = size - *pos;
        switch (m_state) {
        case State::Done:
            return Status::Complete;
        case State::Failed:
            return Status::Error;
        case State::Body:
        case State::ChunkData: {
            const qsizetype take = qMin(avail, m_remaining);
            m_request.body.append(begin, take);
            *pos += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = m_state == State::Body ? State::Done : State::ChunkDataEnd;
            continue;
        }
        default:
            break;
        }
        // Line-based states. A bare LF ends a line too (lenient, like most servers).
        const char *nl = static_cast<const char *>(std::memchr(begin, '\n', size_t(avail)));
        const qsizetype lineLimit = kMaxHeaderBytes - m_headerBytes;
        if (!nl) {
            if (avail > lineLimit)
                return fail(m_state == State::RequestLine ? 414 : 431, "request header section too large");
            return Status::NeedMore;
        }
        const qsizetype consumed = nl - begin + 1;
        if (consumed > lineLimit)
            return fail(m_state == State::RequestLine ? 414 : 431, "request header section too large");
        qsizetype len = consumed - 1;
        if (len > 0 && begin[len - 1] == '\r')
            --len;
        *pos += consumed;
        if (const Status st = onLine(begin, len, consumed); st != Status::NeedMore)
            return st;
    }
    return m_state == State::Done ? Status::Complete : Status::NeedMore;
}

HttpRequestParser::Status HttpRequestParser::onLine(const char *line, qsizetype len, qsizetype consumed)
{
    switch (m_state) {
    case State::RequestLine:
        if (len == 0 && m_headerBytes == 0)
            return Status::NeedMore; // tolerate blank lines between pipelined requests (RFC 9112 2.2)
        m_headerBytes += consumed;
        if (!requestLine(line, len))
            return Status::Error;
        m_state = State::Headers;
        return Status::NeedMore;
    case State::Headers:
        m_headerBytes += consumed;
        if (len == 0)
            return headersDone();
        return header(line, len) ? Status::NeedMore : Status::Error;
    case State::ChunkSize:
        return chunkSize(line, len);
    case State::ChunkDataEnd:
        if (len != 0)
            return fail(400, "chunk data not followed by CRLF");
        m_state = State::ChunkSize;
        return Status::NeedMore;
    case State::Trailers:
        m_headerBytes += consumed;
        if (len == 0)
            m_state = State::Done;
        return m_state == State::Done ? Status::Complete : Status::NeedMore;
    default:
        return Status::NeedMore;
    }
}

bool HttpRequestParser::requestLine(const char *line, qsizetype len)
{
    const char *end = line + len;
    const char *sp1 = static_cast<const char *>(std::memchr(line, ' ', size_t(len)));
    if (!sp1 || sp1 == line)
        return fail(400, "malformed request line"), false;
    for (const char *c = line; c < sp1; ++c) {
        if (!isTokenChar(*c))
            return fail(400, "malformed request method"), false;
    }
    const char *target = sp1 + 1;
    const char *sp2 = static_cast<const char *>(std::memchr(target, ' ', size_t(end - target)));
    if (!sp2 || sp2 == target)
        return fail(400, "malformed request line"), false;
    const char *version = sp2 + 1;
    const qsizetype vlen = end - version;
    if (vlen != 8 || std::memcmp(version, "HTTP/", 5) != 0 || version[6] != '.')
        return fail(400, "malformed HTTP version"), false;
    if (version[5] != '1' || (version[7] != '0' && version[7] != '1'))
        return fail(505, "only HTTP/1.0 and HTTP/1.1 are supported"), false;
    m_request.versionMinor = version[7] - '0';
    m_request.keepAlive = m_request.versionMinor == 1;
    m_request.method = QByteArray(line, sp1 - line);
    // absolute-form (a client that thinks we are a proxy): keep only the path
    if (sp2 - target > 7 && (qstrnicmp(target, "http://", 7) == 0 || qstrnicmp(target, "https://", 8) == 0)) {
        const char *slash = static_cast<const char *>(std::memchr(target + 8, '/', size_t(sp2 - target - 8)));
        target = slash ? slash : sp2;
    }
    const char *query = static_cast<const char *>(std::memchr(target, '?', size_t(sp2 - target)));
    const char *pathEnd = query ? query : sp2;
    m_request.path = pathEnd > target ? QByteArray(target, pathEnd - target) : QByteArray("/");
    if (query)
        m_request.query = QByteArray(query + 1, sp2 - query - 1);
    if (m_request.path.front() != '/' && m_request.path != "*")
        return fail(400, "malformed request target"), false;
    return true;
}

bool HttpRequestParser::header(const char *line, qsizetype len)
{
    if (*line == ' ' || *line == '\t')
        return fail(400, "obsolete header line folding"), false;
    const char *colon = static_cast<const char *>(std::memchr(line, ':', size_t(len)));
    if (!colon || colon == line)
        return fail(400, "malformed header line"), false;
    const qsizetype nameLen = colon - line;
    for (qsizetype i = 0; i < nameLen; ++i) {
        if (!isTokenChar(line[i]))
            return fail(400, "malformed header name"), false;
    }
    const char *v = colon + 1;
    qsizetype vlen = len - nameLen - 1;
    trim(v, vlen);
    if (equalsNoCase(line, nameLen, "content-length")) {
        qsizetype n = 0;
        const Number parsed = parseNumber(v, vlen, 10, kMaxBody + 1, &n);
        if (parsed == Number::Bad)
            return fail(400, "invalid Content-Length"), false;
        if (parsed == Number::TooBig)
            return fail(413, "request body larger than 8 MB"), false;
        if (m_haveLength && n != m_remaining)
            return fail(400, "conflicting Content-Length headers"), false;
        m_haveLength = true;
        m_remaining = n;
    } else if (equalsNoCase(line, nameLen, "transfer-encoding")) {
        if (!equalsNoCase(v, vlen, "chunked"))
            return fail(501, "unsupported Transfer-Encoding"), false;
        m_chunked = true;
    } else if (equalsNoCase(line, nameLen, "connection")) {
        if (containsTokenNoCase(v, vlen, "close"))
            m_request.keepAlive = false;
        else if (containsTokenNoCase(v, vlen, "keep-alive"))
            m_request.keepAlive = true;
    } else if (equalsNoCase(line, nameLen, "authorization")) {
        m_request.authorization = QByteArray(v, vlen);
    } else if (equalsNoCase(line, nameLen, "x-api-key")) {
        m_request.xApiKey = QByteArray(v, vlen);
    } else if (equalsNoCase(line, nameLen, "x-goog-api-key")) {
        m_request.googApiKey = QByteArray(v, vlen);
    } else if (equalsNoCase(line, nameLen, "anthropic-version")) {
        m_request.anthropicVersion = QByteArray(v, vlen);
    } else if (equalsNoCase(line, nameLen, "expect")) {
        if (!equalsNoCase(v, vlen, "100-continue"))
            return fail(417, "unsupported Expect"), false;
        m_request.expectContinue = m_request.versionMinor == 1;
    }
    return true;
}

HttpRequestParser::Status HttpRequestParser::headersDone()
{
    if (m_chunked && m_haveLength)
        return fail(400, "both Content-Length and Transfer-Encoding");
    if (m_chunked) {
        m_state = State::ChunkSize;
        return Status::NeedMore;
    }
    if (m_remaining > kMaxBody)
        return fail(413, "request body larger than 8 MB");
    if (m_remaining == 0) {
        m_state = State::Done;
        return Status::Complete;
    }
    m_request.body.reserve(m_remaining);
    m_state = State::Body;
    return Status::NeedMore;
}

HttpRequestParser::Status HttpRequestParser::chunkSize(const char *line, qsizetype len)
{
    const char *ext = static_cast<const char *>(std::memchr(line, ';', size_t(len)));
    qsizetype sizeLen = ext ? ext - line : len;
    trim(line, sizeLen);
    qsizetype n = 0;
    const Number parsed = parseNumber(line, sizeLen, 16, kMaxBody + 1, &n);
    if (parsed == Number::Bad)
        return fail(400, "invalid chunk size");
    if (parsed == Number::TooBig)
        return fail(413, "request body larger than 8 MB");
    if (m_request.body.size() + n > kMaxBody)
        return fail(413, "request body larger than 8 MB");
    m_remaining = n;
    m_state = n == 0 ? State::Trailers : State::ChunkData;
    return Status::NeedMore;
}

} // namespace stampede::gateway
