// The misbehaviours of the hostile server, one lambda each, keyed by the model name that selects them.
#include "hostileconnection.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace stampede::test::hostile {

namespace {
constexpr int kStallMs = 60000; ///< "forever" for a test whose client gives up after 2 s
} // namespace

using Request = HostileServer::Request;

QByteArray statusText(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 429:
        return "Too Many Requests";
    default:
        return "Status";
    }
}

QByteArray head(int status, const QByteArray &type, const QByteArray &extra = {})
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + statusText(status) + "\r\nContent-Type: " + type + "\r\n"
        + extra;
}

bool sendBody(Connection &c, int status, const QByteArray &type, const QByteArray &body, const QByteArray &extra)
{
    return c.send(head(status, type, extra) + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
}

QByteArray jsonString(const QByteArray &text)
{
    QJsonObject o { { QStringLiteral("s"), QString::fromUtf8(text) } };
    const QByteArray doc = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return doc.mid(5, doc.size() - 6); // {"s":"..."} -> "..."
}

QByteArray errorBody(const QByteArray &message, const QByteArray &type)
{
    return R"({"error":{"message":)" + jsonString(message) + R"(,"type":")" + type + R"(","code":null}})";
}

QByteArray completion(const QByteArray &model, const QByteArray &content = "Hello there, friend.")
{
    return R"({"id":"chatcmpl-1","object":"chat.completion","created":1,"model":)" + jsonString(model)
        + R"(,"choices":[{"index":0,"message":{"role":"assistant","content":)" + jsonString(content)
        + R"(},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":5,"total_tokens":14}})";
}

QByteArray contentEvent(const QByteArray &model, const QByteArray &content)
{
    return R"(data: {"id":"c","object":"chat.completion.chunk","model":)" + jsonString(model)
        + R"(,"choices":[{"index":0,"delta":{"content":)" + jsonString(content) + "}}]}\n\n";
}

QByteArray finalEvents(const QByteArray &model)
{
    return R"(data: {"id":"c","object":"chat.completion.chunk","model":)" + jsonString(model)
        + R"(,"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})"
          "\n\n"
          R"(data: {"id":"c","object":"chat.completion.chunk","model":)"
        + jsonString(model)
        + R"(,"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":5,"total_tokens":14}})"
          "\n\ndata: [DONE]\n\n";
}

const QByteArray kSseHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";

/// A correct answer: the reference every misbehaviour departs from.
bool healthy(Connection &c, const Request &r, const QByteArray &model, const QByteArray &content)
{
    if (!r.stream)
        return sendBody(c, 200, "application/json", completion(model, content));
    return c.send(kSseHead)
        && c.chunk(R"(data: {"id":"c","object":"chat.completion.chunk","model":)" + jsonString(model)
            + R"(,"choices":[{"index":0,"delta":{"role":"assistant"}}]})"
              "\n\n")
        && c.chunk(contentEvent(model, content)) && c.chunk(finalEvents(model)) && c.endChunks();
}

bool httpError(Connection &c, int status, const QByteArray &extra = {})
{
    return sendBody(c, status, "application/json",
        errorBody("hostile server says " + QByteArray::number(status),
            status >= 500 ? "server_error" : "invalid_request_error"),
        extra);
}

QByteArray key(const Request &r)
{
    return r.authorization.startsWith("Bearer ") ? r.authorization.mid(7) : r.authorization;
}

QByteArray httpDateIn(int seconds)
{
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc().addSecs(seconds), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

bool redirect(Connection &c, int status, const QByteArray &location)
{
    return c.send(head(status, "text/plain", "Location: " + location + "\r\n") + "Content-Length: 0\r\n\r\n");
}

QByteArray otherUrl(const char *host, quint16 port)
{
    return "http://" + QByteArray(host) + ':' + QByteArray::number(port) + "/v1/chat/completions";
}

const std::vector<std::pair<QByteArray, Behaviour>> &behaviourTable()
{
    static const std::vector<std::pair<QByteArray, Behaviour>> table = [] {
        std::vector<std::pair<QByteArray, Behaviour>> t;
        const auto add = [&t](const char *name, Behaviour b) { t.emplace_back(QByteArray(name), std::move(b)); };
        // Connections that break.
        add("reset_before", [](Connection &c, const Request &, quint16, quint16) { return c.reset(); });
        add("close_before", [](Connection &, const Request &, quint16, quint16) { return false; });
        add("reset_midstream", [](Connection &c, const Request &, quint16, quint16) {
            c.send(kSseHead) && c.chunk(contentEvent("reset_midstream", "partial ")) && c.stall(50);
            return c.reset();
        });
        add("reset_midbody", [](Connection &c, const Request &, quint16, quint16) {
            c.send(head(200, "application/json") + "Content-Length: 4000\r\n\r\n" + completion("x").left(60))
                && c.stall(50);
            return c.reset();
        });
        // Stalls and slowness.
        add("stall_headers",
            [](Connection &c, const Request &, quint16, quint16) { return c.stall(kStallMs) && false; });
        add("stall_midstream", [](Connection &c, const Request &, quint16, quint16) {
            return c.send(kSseHead) && c.chunk(contentEvent("stall_midstream", "then nothing")) && c.stall(kStallMs)
                && false;
        });
        add("stall_midbody", [](Connection &c, const Request &, quint16, quint16) {
            return c.send(head(200, "application/json") + "Content-Length: 4000\r\n\r\n{\"id\":") && c.stall(kStallMs)
                && false;
        });
        add("trickle", [](Connection &c, const Request &, quint16, quint16) {
            const QByteArray body = completion("trickle");
            return c.trickle(head(200, "application/json") + "Content-Length: " + QByteArray::number(body.size())
                    + "\r\n\r\n" + body,
                100);
        });
        add("trickle_stream", [](Connection &c, const Request &, quint16, quint16) {
            return c.send(kSseHead)
                && c.trickle("1000\r\n" + contentEvent("trickle_stream", QByteArray(4000, 'a')), 100);
        });
        // Too much.
        add("endless_events", [](Connection &c, const Request &, quint16, quint16) {
            return c.send(kSseHead)
                && c.repeat("8000\r\n"
                        + contentEvent("endless_events", QByteArray(0x8000 - 400, 'e'))
                              .leftJustified(0x8000, '\n', true)
                        + "\r\n",
                    qint64(1) << 40)
                && false;
        });
        add("endless_line", [](Connection &c, const Request &, quint16, quint16) {
            return c.send(kSseHead + "10000\r\ndata: " + QByteArray(0x10000 - 6, 'x') + "\r\n")
                && c.repeat("10000\r\n" + QByteArray(0x10000, 'x') + "\r\n", qint64(1) << 40) && false;
        });
        add("stream_100mb", [](Connection &c, const Request &, quint16, quint16) {
            const QByteArray event
                = contentEvent("stream_100mb", QByteArray(0x8000 - 400, 's')).leftJustified(0x8000, '\n', true);
            return c.send(kSseHead) && c.repeat("8000\r\n" + event + "\r\n", 100 << 20)
                && c.chunk(finalEvents("stream_100mb")) && c.endChunks();
        });
        add("body_100mb", [](Connection &c, const Request &, quint16, quint16) {
            const qint64 size = 100 << 20;
            return c.send(head(200, "application/json") + "Content-Length: " + QByteArray::number(size)
                       + "\r\n\r\n{\"pad\":\"")
                && c.repeat(QByteArray(1 << 16, 'b'), size - 10) && false;
        });
        add("endless_headers", [](Connection &c, const Request &, quint16, quint16) {
            return c.send("HTTP/1.1 200 OK\r\n")
                && c.repeat(QByteArray("X-Pad: ") + QByteArray(90, 'h') + "\r\n", qint64(1) << 40) && false;
        });
        add("endless_header_line", [](Connection &c, const Request &, quint16, quint16) {
            return c.send("HTTP/1.1 200 OK\r\nX-Pad: ") && c.repeat(QByteArray(1 << 16, 'h'), qint64(1) << 40) && false;
        });
        // Not what was asked for.
        add("bad_json_body", [](Connection &c, const Request &, quint16, quint16) {
            return sendBody(c, 200, "application/json", R"({"id":"x","choices":[{"message":{"content":"unterminated)");
        });
        add("bad_json_chunk", [](Connection &c, const Request &, quint16, quint16) {
            return c.send(kSseHead) && c.chunk("data: {\"choices\":[{\"delta\":{\"content\":\"x\"\n\ndata: [DONE]\n\n")
                && c.endChunks();
        });
        add("empty_200",
            [](Connection &c, const Request &, quint16, quint16) { return sendBody(c, 200, "application/json", {}); });
        add("not_http", [](Connection &c, const Request &, quint16, quint16) {
            static const char garbage[]
                = "\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\xff\xfe garbage \x00\x01\x02\r\n\r\n";
            c.send(QByteArray(garbage, sizeof garbage - 1));
            return false;
        });
        add("not_http_text", [](Connection &c, const Request &, quint16, quint16) {
            c.send("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\nProtocol mismatch.\r\n");
            return false;
        });
        add("bad_gzip", [](Connection &c, const Request &, quint16, quint16) {
            return sendBody(
                c, 200, "application/json", "this is not gzip at all, not even close", "Content-Encoding: gzip\r\n");
        });
        add("bad_gzip_stream", [](Connection &c, const Request &, quint16, quint16) {
            return c.send("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Encoding: "
                          "gzip\r\nTransfer-Encoding: chunked\r\n\r\n")
                && c.chunk("\x1f\x8b\x08\x00 this is a gzip magic and then garbage") && c.endChunks();
        });
        add("error_200", [](Connection &c, const Request &, quint16, quint16) {
            return sendBody(c, 200, "application/json",
                errorBody("The upstream model is overloaded (hostile-marker-7)", "server_error"));
        });
        add("utf8_json", [](Connection &c, const Request &, quint16, quint16) {
            const QByteArray body = completion("utf8_json", "ok OK").replace("ok OK", "ok \xff\xfe\xc3( OK");
            return sendBody(c, 200, "application/json", body);
        });
        add("utf8_stream", [](Connection &c, const Request &, quint16, quint16) {
            return c.send(kSseHead)
                && c.chunk(contentEvent("utf8_stream", "ok OK").replace("ok OK", "ok \xff\xfe\xc3( OK"))
                && c.chunk(finalEvents("utf8_stream")) && c.endChunks();
        });
        // Every status with an OpenAI error body; Retry-After in every form.
        for (const int status : { 400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504 })
            t.emplace_back(
                "status_" + QByteArray::number(status), [status](Connection &c, const Request &, quint16, quint16) {
                    return httpError(c, status, status == 429 || status == 503 ? "Retry-After: 0\r\n" : "");
                });
        add("retry_after_seconds",
            [](Connection &c, const Request &, quint16, quint16) { return httpError(c, 429, "Retry-After: 1\r\n"); });
        add("retry_after_date", [](Connection &c, const Request &, quint16, quint16) {
            return httpError(c, 503, "Retry-After: " + httpDateIn(1) + "\r\n");
        });
        add("retry_after_garbage", [](Connection &c, const Request &, quint16, quint16) {
            return httpError(c, 429, "Retry-After: soon, maybe; \xff\r\n");
        });
        add("retry_after_huge", [](Connection &c, const Request &, quint16, quint16) {
            return httpError(c, 429, "Retry-After: 86400\r\n");
        });
        // Redirects to another origin: another port, another host name.
        for (const int status : { 301, 302, 307, 308 })
            t.emplace_back("redirect_" + QByteArray::number(status),
                [status](Connection &c, const Request &, quint16, quint16 other) {
                    return redirect(c, status, otherUrl("127.0.0.1", other));
                });
        for (const int status : { 307, 308 })
            t.emplace_back("redirect_" + QByteArray::number(status) + "_localhost",
                [status](Connection &c, const Request &, quint16 port, quint16) {
                    return redirect(c, status, otherUrl("localhost", port));
                });
        // The key sent back in every place a client might keep text from a server.
        add("echo_text", [](Connection &c, const Request &r, quint16, quint16) {
            return sendBody(c, 200, "text/plain", "your key is " + key(r) + " and nothing else");
        });
        add("echo_nonsse", [](Connection &c, const Request &r, quint16, quint16) {
            return c.send(kSseHead) && c.chunk("hello " + key(r) + "\nthis is not server-sent events\n\n")
                && c.endChunks();
        });
        add("echo_error_json", [](Connection &c, const Request &r, quint16, quint16) {
            return sendBody(
                c, 401, "application/json", errorBody("Incorrect API key provided: " + key(r) + ". Check it."));
        });
        add("echo_stream_reset", [](Connection &c, const Request &r, quint16, quint16) {
            c.send(kSseHead) && c.chunk(contentEvent("echo_stream_reset", "the key is " + key(r)))
                && c.chunk("data: " + key(r) + "\n") && c.stall(50);
            return c.reset();
        });
        add("echo_bearer", [](Connection &c, const Request &r, quint16, quint16) {
            return sendBody(c, 500, "text/plain", "upstream rejected Authorization: " + r.authorization);
        });
        add("echo_model", [](Connection &c, const Request &r, quint16, quint16) { return healthy(c, r, key(r)); });
        add("echo_content", [](Connection &c, const Request &r, quint16, quint16) {
            return healthy(c, r, "echo_content", "you sent " + r.authorization);
        });
        add("echo_200_error", [](Connection &c, const Request &r, quint16, quint16) {
            return sendBody(c, 200, "application/json", errorBody("key " + key(r) + " is over quota"));
        });
        add("echo_sse_error", [](Connection &c, const Request &r, quint16, quint16) {
            return c.send(kSseHead) && c.chunk("data: " + errorBody("bad key " + r.authorization) + "\n\n")
                && c.endChunks();
        });
        add("echo_location", [](Connection &c, const Request &r, quint16, quint16 other) {
            return redirect(c, 302, otherUrl("127.0.0.1", other) + "?api_key=" + key(r));
        });
        add("echo_header", [](Connection &c, const Request &r, quint16, quint16) {
            return httpError(
                c, 500, "X-Echo: " + r.authorization + "\r\nWWW-Authenticate: Bearer realm=\"" + key(r) + "\"\r\n");
        });
        add("restart", [](Connection &c, const Request &r, quint16, quint16) { return healthy(c, r, "restart"); });
        return t;
    }();
    return table;
}

} // namespace stampede::test::hostile
