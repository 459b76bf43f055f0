#pragma once
// Incremental HTTP/1.x request parser for the simulated gateway: request line, the few headers the
// gateway acts on, and a Content-Length or chunked body. Fed from a connection's input buffer; it
// never copies the header section, only the body.

#include <QByteArray>

namespace stampede::gateway {

/// One parsed request. Header values the gateway does not use are skipped, not stored; those it
/// keeps are bounded by the header section's limit (kMaxHeaderBytes).
struct HttpRequest {
    QByteArray method;
    QByteArray path; ///< origin-form path without the query ("/v1/chat/completions")
    QByteArray query; ///< what follows '?' in the target, raw (Gemini may carry its key there: "key=...")
    QByteArray authorization; ///< raw Authorization value
    QByteArray xApiKey; ///< x-api-key (Anthropic's key)
    QByteArray googApiKey; ///< x-goog-api-key (Gemini's key)
    QByteArray anthropicVersion; ///< anthropic-version
    QByteArray body;
    int versionMinor = 1; ///< HTTP/1.<minor>
    bool keepAlive = true; ///< HTTP/1.1 default, or HTTP/1.0 with "Connection: keep-alive"
    bool expectContinue = false;
};

class HttpRequestParser
{
public:
    enum class Status { NeedMore, Complete, Error };

    static constexpr qsizetype kMaxBody = 8 * 1024 * 1024;
    static constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

    /// Parses from data[*pos, size) and advances *pos past what it consumed. Complete: request() holds
    /// the request until reset(). Error: errorStatus() is the HTTP status to answer (400, 413, 431, 501,
    /// 505) before closing the connection.
    Status parse(const char *data, qsizetype size, qsizetype *pos);

    /// True once the header section is complete and the client waits for "100 Continue" (asked once).
    bool wantsContinue() const
    {
        return m_request.expectContinue && !m_continueSent && m_state != State::RequestLine && m_state != State::Headers
            && m_state != State::Done && m_state != State::Failed;
    }
    void markContinueSent() { m_continueSent = true; }

    HttpRequest &request() { return m_request; }
    int errorStatus() const { return m_errorStatus; }
    const char *errorReason() const { return m_errorReason; }
    /// Ready for the next request on the same connection (pipelining, keep-alive).
    void reset();

private:
    enum class State { RequestLine, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Done, Failed };

    Status fail(int status, const char *reason);
    Status onLine(const char *line, qsizetype len, qsizetype consumed);
    bool requestLine(const char *line, qsizetype len);
    bool header(const char *line, qsizetype len);
    Status headersDone();
    Status chunkSize(const char *line, qsizetype len);

    State m_state = State::RequestLine;
    HttpRequest m_request;
    qsizetype m_headerBytes = 0;
    qsizetype m_remaining = 0; ///< body or chunk bytes still to read
    bool m_haveLength = false;
    bool m_chunked = false;
    bool m_continueSent = false;
    int m_errorStatus = 0;
    const char *m_errorReason = "";
};

} // namespace stampede::gateway
